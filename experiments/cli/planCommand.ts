import { basename, extname } from "node:path";
import { InputError } from "../errors.ts";
import { readScenarioFile } from "../io/readScenario.ts";
import { checkOutputDir, writeDirAtomically } from "../io/writeOutputs.ts";
import { defaultWorkers } from "../parallel/createRunner.ts";
import { planOptions } from "../plan/options.ts";
import { planCsv } from "../plan/planCsv.ts";
import type { PlanFile } from "../plan/planFile.ts";
import { planText } from "../plan/planText.ts";
import { parseOptions, runPlan } from "../plan/runPlan.ts";
import type { PlanSpec } from "../plan/runPlan.ts";
import { planReport } from "../report/planReport.ts";
import { parseSlo } from "../sweep/slo.ts";
import { checkAssembles, parsePoint } from "../sweep/validate.ts";
import { loadAllResources, loadBase, positiveInt, resultFiles, StoppedByUser, withRunner } from "./experimentRun.ts";

export interface PlanFlags {
  readonly targetRate: string;
  readonly slo?: string;
  readonly options: readonly string[];
  readonly ratePath: string;
  readonly maxReplicas?: number;
  readonly maxRejected: string;
  readonly tolerance: string;
  readonly replications?: number;
  readonly seed?: number;
  readonly set: readonly string[];
  readonly workers?: number;
  readonly out?: string;
  readonly force: boolean;
  readonly quiet: boolean;
  readonly png: boolean;
}

/** plan.json (with the wall clock), plan.csv, the charts and report.html. */
export function planFiles(file: PlanFile, wallClock: unknown, png: boolean): Map<string, string | Uint8Array> {
  return resultFiles("plan", file, wallClock, planCsv(file), planReport(file), png);
}

function positiveNumber(text: string, flag: string, max = Number.POSITIVE_INFINITY): number {
  const n = Number(text);
  if (!(Number.isFinite(n) && n > 0 && n <= max)) throw new InputError(`${flag}: expected a positive number${max < Infinity ? ` up to ${max}` : ""}, got '${text}'`);
  return n;
}

/** `infersim plan [scenario] --target-rate R --slo ttftP99Ms=...,tpotP99Ms=... [--options a.yaml b.yaml ...]` */
export async function planCommand(scenarioPath: string | undefined, flags: PlanFlags, print: (text: string) => void): Promise<void> {
  const base = loadBase(scenarioPath, flags.set);
  if (flags.slo === undefined) throw new InputError("plan: give the objectives, e.g. --slo ttftP99Ms=1000,tpotP99Ms=100");
  const options = planOptions(
    base.input,
    flags.options.map((path) => ({ label: basename(path, extname(path)), source: path, patch: readScenarioFile(path) })),
  );
  const spec: PlanSpec = {
    scenario: base.input,
    options,
    targetRatePerS: positiveNumber(flags.targetRate, "--target-rate"),
    ratePath: flags.ratePath,
    slo: parseSlo(flags.slo),
    maxRejectedFraction: Number(flags.maxRejected),
    replications: positiveInt(flags.replications, "--replications", 3),
    seed: flags.seed ?? parsePoint(base.input, "").seed,
    maxUnits: positiveInt(flags.maxReplicas, "--max-replicas", 256),
    capacityTolerance: positiveNumber(flags.tolerance, "--tolerance", 1),
  };
  if (!(spec.maxRejectedFraction >= 0 && spec.maxRejectedFraction < 1)) throw new InputError(`--max-rejected: expected a fraction in [0, 1), got '${flags.maxRejected}'`);
  const workers = positiveInt(flags.workers, "--workers", defaultWorkers());
  if (flags.out !== undefined) checkOutputDir(flags.out, flags.force);
  const scenarios = parseOptions(spec);
  const resources = loadAllResources(scenarios, base.baseDir);
  scenarios.forEach((s, i) => {
    checkAssembles(s, resources, `option ${options[i]!.label}`);
  });

  const startedAt = new Date();
  const t0 = performance.now();
  const outcome = await withRunner(workers, resources, flags.quiet, (runner) => runPlan(spec, runner));
  const wallClock = { startedAt: startedAt.toISOString(), elapsedS: (performance.now() - t0) / 1000, workers };
  if (!flags.quiet) print(planText(outcome.file));
  if (flags.out !== undefined) {
    writeDirAtomically(flags.out, planFiles(outcome.file, wallClock, flags.png), flags.force);
    if (!flags.quiet) print(`\nwrote ${flags.out}/plan.json, plan.csv, report.html and charts${outcome.file.partial ? " (partial)" : ""}`);
  }
  if (outcome.interrupted) throw new StoppedByUser("stopped: options whose search had not ended are marked interrupted");
}
