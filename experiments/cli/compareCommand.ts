import { basename, extname } from "node:path";
import { compareCsv } from "../compare/compareCsv.ts";
import { compareText } from "../compare/compareText.ts";
import type { CompareFile } from "../compare/compareFile.ts";
import { parseVariants, runCompare } from "../compare/runCompare.ts";
import type { CompareSpec } from "../compare/runCompare.ts";
import { axisVariants, baselineIndex, fileVariants } from "../compare/variants.ts";
import type { Variant } from "../compare/variants.ts";
import { InputError } from "../errors.ts";
import { readScenarioFile } from "../io/readScenario.ts";
import { checkOutputDir, writeDirAtomically } from "../io/writeOutputs.ts";
import { defaultWorkers } from "../parallel/createRunner.ts";
import { compareReport } from "../report/compareReport.ts";
import { isAuto, parseAxes } from "../sweep/axis.ts";
import { parseSlo } from "../sweep/slo.ts";
import { checkAssembles, parsePoint } from "../sweep/validate.ts";
import { loadAllResources, loadBase, positiveInt, resultFiles, StoppedByUser, withRunner } from "./experimentRun.ts";

export interface CompareFlags {
  readonly variants: readonly string[];
  readonly axis: readonly string[];
  readonly baseline?: string;
  readonly replications?: number;
  readonly slo?: string;
  readonly seed?: number;
  readonly set: readonly string[];
  readonly workers?: number;
  readonly out?: string;
  readonly force: boolean;
  readonly quiet: boolean;
  readonly png: boolean;
}

/** compare.json (with the wall clock), compare.csv, the charts and report.html. */
export function compareFiles(file: CompareFile, wallClock: unknown, png: boolean): Map<string, string | Uint8Array> {
  return resultFiles("compare", file, wallClock, compareCsv(file), compareReport(file), png);
}

function variantsOf(input: unknown, flags: CompareFlags): Variant[] {
  if (flags.variants.length > 0 && flags.axis.length > 0) throw new InputError("compare: give --variants or --axis, not both");
  if (flags.variants.length > 0) {
    return fileVariants(
      input,
      flags.variants.map((path) => ({ label: basename(path, extname(path)), source: path, patch: readScenarioFile(path) })),
    );
  }
  const axes = parseAxes(flags.axis);
  const axis = axes[0];
  if (axis === undefined) throw new InputError("compare: give --variants a.yaml b.yaml ... or --axis path=v1,v2");
  if (axes.length > 1 || isAuto(axis)) throw new InputError("compare: --axis takes one path with explicit values (for several axes, use sweep)");
  if (axis.values.length < 2) throw new InputError(`compare: --axis ${axis.path} needs at least two values`);
  return axisVariants(input, axis);
}

/** `infersim compare [scenario] --variants a.yaml b.yaml | --axis path=v1,v2 [--replications K] [--out DIR]` */
export async function compareCommand(scenarioPath: string | undefined, flags: CompareFlags, print: (text: string) => void): Promise<void> {
  const base = loadBase(scenarioPath, flags.set);
  const variants = variantsOf(base.input, flags);
  const spec: CompareSpec = {
    scenario: base.input,
    variants,
    baseline: baselineIndex(variants, flags.baseline),
    replications: positiveInt(flags.replications, "--replications", 5),
    seed: flags.seed ?? parsePoint(base.input, "").seed,
    slo: flags.slo === undefined ? null : parseSlo(flags.slo),
  };
  const workers = positiveInt(flags.workers, "--workers", defaultWorkers());
  if (flags.out !== undefined) checkOutputDir(flags.out, flags.force);
  const scenarios = parseVariants(spec);
  const resources = loadAllResources(scenarios, base.baseDir);
  scenarios.forEach((s, i) => {
    checkAssembles(s, resources, `variant ${variants[i]!.label}`);
  });

  const startedAt = new Date();
  const t0 = performance.now();
  const outcome = await withRunner(workers, resources, flags.quiet, (runner) => runCompare(spec, runner));
  const wallClock = { startedAt: startedAt.toISOString(), elapsedS: (performance.now() - t0) / 1000, workers };
  if (!flags.quiet) print(compareText(outcome.file));
  if (flags.out !== undefined) {
    writeDirAtomically(flags.out, compareFiles(outcome.file, wallClock, flags.png), flags.force);
    if (!flags.quiet) print(`\nwrote ${flags.out}/compare.json, compare.csv, report.html and charts${outcome.file.partial ? " (partial)" : ""}`);
  }
  if (outcome.interrupted) throw new StoppedByUser(`stopped: ${outcome.file.runs.length} of ${outcome.file.experiment.runCount} runs completed`);
}
