import { dirname } from "node:path";
import cliProgress from "cli-progress";
import type { StepTable } from "../../hardware/cost/table.ts";
import type { Resources } from "../assemble.ts";
import { InputError } from "../errors.ts";
import { loadResources } from "../io/loadResources.ts";
import { readScenarioFile } from "../io/readScenario.ts";
import { applySets } from "../io/setPath.ts";
import { createRunner } from "../parallel/createRunner.ts";
import type { Runner } from "../parallel/runner.ts";
import { DEFAULT_SCENARIO } from "../scenarios/default.ts";
import { svgToPng } from "../../viz/index.ts";
import type { ReportInput } from "../../viz/index.ts";
import { reportFiles } from "../report/files.ts";
import type { Scenario } from "../schema/scenario.ts";
import type { Trace } from "../workload/trace.ts";

/** The plumbing every experiment command shares: base scenario, resources, workers, progress bar and Ctrl-C. */

/** Ctrl-C stopped an experiment; what completed was written. The CLI exits with status 130. */
export class StoppedByUser extends Error {
  override readonly name = "StoppedByUser";
}

export interface BaseScenario {
  /** The scenario as given, with --set applied (not yet validated). */
  readonly input: unknown;
  /** Where relative paths in it (and in variant files) are read from. */
  readonly baseDir: string;
}

export function loadBase(scenarioPath: string | undefined, sets: readonly string[]): BaseScenario {
  const raw = scenarioPath === undefined ? DEFAULT_SCENARIO : readScenarioFile(scenarioPath);
  return { input: applySets(raw, sets), baseDir: scenarioPath === undefined ? process.cwd() : dirname(scenarioPath) };
}

/** Every trace and step table any of the scenarios names, loaded once. */
export function loadAllResources(scenarios: readonly Scenario[], baseDir: string): Resources {
  const traces = new Map<string, Trace>();
  const stepTables = new Map<string, StepTable>();
  for (const s of scenarios) {
    const r = loadResources(s, baseDir);
    for (const [k, v] of r.traces) traces.set(k, v);
    for (const [k, v] of r.stepTables) stepTables.set(k, v);
  }
  return { traces, stepTables };
}

export function positiveInt(value: number | undefined, flag: string, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${flag}: expected a whole number ≥ 1`);
  return n;
}

/**
 * Run `body` with a runner of `workers` workers, a progress bar with ETA on stderr (only on a terminal and
 * without --quiet), and Ctrl-C wired to stop the runner: queued and running jobs are dropped, completed ones
 * kept. A second Ctrl-C kills the process as usual.
 */
export async function withRunner<T>(
  workers: number,
  resources: Resources,
  quiet: boolean,
  body: (runner: Runner) => Promise<T>,
): Promise<T> {
  const showBar = !quiet && process.stderr.isTTY;
  const bar = showBar
    ? new cliProgress.SingleBar(
        {
          format: "{bar} {value}/{total} runs | elapsed {duration_formatted} | ETA {eta_formatted}",
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(1, 0);
  const runner = createRunner(workers, resources, (done, queued) => {
    bar?.setTotal(queued);
    bar?.update(done);
  });
  const onSigint = (): void => {
    bar?.stop();
    process.stderr.write("\ninfersim: stopping; completed runs are kept (press Ctrl-C again to abort at once)\n");
    runner.interrupt();
  };
  process.once("SIGINT", onSigint);
  try {
    return await body(runner);
  } finally {
    process.off("SIGINT", onSigint);
    bar?.stop();
    await runner.close();
  }
}

/** Add a `.png` beside every `.svg` (`--png`), rasterised with resvg. */
export function addPngs(files: Map<string, string | Uint8Array>): void {
  for (const [name, content] of [...files]) {
    if (name.endsWith(".svg") && typeof content === "string") files.set(name.replace(/\.svg$/, ".png"), svgToPng(content));
  }
}

/**
 * The files of an experiment result: `<kind>.json` (with the wall clock), `<kind>.csv`, the charts and
 * report.html, and PNGs of the charts when asked.
 */
export function resultFiles(
  kind: string,
  file: object,
  wallClock: unknown,
  csv: string,
  report: ReportInput,
  png: boolean,
): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>([
    [`${kind}.json`, `${JSON.stringify({ ...file, wallClock }, null, 2)}\n`],
    [`${kind}.csv`, csv],
  ]);
  for (const [name, content] of reportFiles(report)) files.set(name, content);
  if (png) addPngs(files);
  return files;
}
