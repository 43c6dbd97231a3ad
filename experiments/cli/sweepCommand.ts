import { InputError } from "../errors.ts";
import { checkOutputDir, writeDirAtomically } from "../io/writeOutputs.ts";
import { defaultWorkers } from "../parallel/createRunner.ts";
import { parseShard } from "../parallel/shard.ts";
import { sweepReport } from "../report/sweepReport.ts";
import { parseAxes } from "../sweep/axis.ts";
import { labelText } from "../sweep/cells.ts";
import { parseCells } from "../sweep/runSweep.ts";
import type { SweepSpec } from "../sweep/runSweep.ts";
import { runSweep } from "../sweep/runSweep.ts";
import { parseSlo } from "../sweep/slo.ts";
import { sweepCsv } from "../sweep/sweepCsv.ts";
import type { SweepFile } from "../sweep/sweepFile.ts";
import { sweepText } from "../sweep/sweepText.ts";
import { checkAssembles, parsePoint } from "../sweep/validate.ts";
import { loadAllResources, loadBase, positiveInt, resultFiles, StoppedByUser, withRunner } from "./experimentRun.ts";

export interface SweepFlags {
  readonly axis: readonly string[];
  readonly replications?: number;
  readonly points?: number;
  readonly slo?: string;
  readonly seed?: number;
  readonly set: readonly string[];
  readonly workers?: number;
  readonly shard?: string;
  readonly out?: string;
  readonly force: boolean;
  readonly quiet: boolean;
  readonly png: boolean;
}

/** The files of a sweep result: sweep.json (with the wall clock), sweep.csv, the charts and report.html. */
export function sweepFiles(file: SweepFile, wallClock: unknown, png: boolean): Map<string, string | Uint8Array> {
  return resultFiles("sweep", file, wallClock, sweepCsv(file), sweepReport(file), png);
}

/** `infersim sweep [scenario] --axis path=v1,v2 [--axis ...] [--replications K] [--shard i/N] [--out DIR]` */
export async function sweepCommand(scenarioPath: string | undefined, flags: SweepFlags, print: (text: string) => void): Promise<void> {
  const base = loadBase(scenarioPath, flags.set);
  const axes = parseAxes(flags.axis);
  if (axes.length === 0) throw new InputError("sweep: give at least one --axis path=v1,v2,...");
  const seed = flags.seed ?? parsePoint(base.input, "").seed;
  const spec: SweepSpec = {
    scenario: base.input,
    axes,
    replications: positiveInt(flags.replications, "--replications", 3),
    seed,
    autoPoints: positiveInt(flags.points, "--points", 8),
    slo: flags.slo === undefined ? null : parseSlo(flags.slo),
  };
  const shard = flags.shard === undefined ? null : parseShard(flags.shard);
  const workers = positiveInt(flags.workers, "--workers", defaultWorkers());
  if (flags.out !== undefined) checkOutputDir(flags.out, flags.force);
  // Every point is validated, and can be built, before any run starts.
  const { drafts, scenarios } = parseCells(spec);
  const resources = loadAllResources(scenarios, base.baseDir);
  scenarios.forEach((s, i) => {
    checkAssembles(s, resources, `point ${labelText(drafts[i]!.labels)}`);
  });

  const startedAt = new Date();
  const t0 = performance.now();
  const outcome = await withRunner(workers, resources, flags.quiet, (runner) => runSweep(spec, runner, shard));
  const wallClock = { startedAt: startedAt.toISOString(), elapsedS: (performance.now() - t0) / 1000, workers };
  if (!flags.quiet) print(sweepText(outcome.file));
  if (flags.out !== undefined) {
    writeDirAtomically(flags.out, sweepFiles(outcome.file, wallClock, flags.png), flags.force);
    if (!flags.quiet) print(`\nwrote ${flags.out}/sweep.json, sweep.csv, report.html and charts${outcome.file.partial ? " (partial)" : ""}`);
  }
  if (outcome.interrupted) {
    throw new StoppedByUser(`stopped: ${outcome.file.runs.length} of ${outcome.file.experiment.runCount} runs completed${flags.out === undefined ? "" : ` and written to ${flags.out} (marked partial)`}`);
  }
}
