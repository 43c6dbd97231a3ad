import { dirname } from "node:path";
import { loadResources } from "../io/loadResources.ts";
import { readScenarioFile } from "../io/readScenario.ts";
import { applySets } from "../io/setPath.ts";
import { REPORT_SAMPLE_ROWS, reportSampleSeed } from "../io/csvSample.ts";
import { CsvStream } from "../io/csvStream.ts";
import { AtomicDir, checkOutputDir } from "../io/writeOutputs.ts";
import { toCsv } from "../results/csv.ts";
import { Reservoir } from "../results/reservoir.ts";
import { REQUEST_COLUMNS } from "../results/requestRows.ts";
import type { RequestRow } from "../results/requestRows.ts";
import { STEP_COLUMNS } from "../results/stepColumns.ts";
import { timeseriesCsv } from "../results/timeseriesCsv.ts";
import { parseScenario, runScenario } from "../run/runScenario.ts";
import { DEFAULT_SCENARIO } from "../scenarios/default.ts";
import { reportFiles } from "../report/files.ts";
import { runReport, runReportData } from "../report/runReport.ts";
import { addPngs } from "./experimentRun.ts";
import { summaryText } from "./printSummary.ts";

export interface RunFlags {
  readonly out?: string;
  readonly seed?: number;
  readonly set: readonly string[];
  readonly force: boolean;
  readonly quiet: boolean;
  readonly png?: boolean;
  readonly skipBadRows?: boolean;
  /** Write requests.csv as requests end instead of keeping them: memory stays bounded in long runs. */
  readonly stream?: boolean;
  /** Form every decode step with an event (the decode fast path's reference). */
  readonly plainStepping?: boolean;
}


/** `--set` assignments that turn on skipBadRows wherever the scenario reads a trace file. */
function skipBadRowsSets(raw: unknown): string[] {
  const workload = (raw as { workload?: Record<string, { kind?: string } | undefined> } | null)?.workload;
  if (workload === undefined) return [];
  const sets: string[] = [];
  if (workload.arrival?.kind === "trace") sets.push("workload.arrival.skipBadRows=true");
  for (const key of ["promptTokens", "outputTokens"]) {
    const d = workload[key] as { kind?: string; path?: string } | undefined;
    if (d?.kind === "empirical" && d.path !== undefined) sets.push(`workload.${key}.skipBadRows=true`);
  }
  return sets;
}

/** `infersim run [scenario] [--out DIR] [--seed N] [--set path=value ...]` */
export function runCommand(scenarioPath: string | undefined, flags: RunFlags, print: (text: string) => void): void {
  const raw = scenarioPath === undefined ? DEFAULT_SCENARIO : readScenarioFile(scenarioPath);
  const sets = flags.skipBadRows === true ? [...flags.set, ...skipBadRowsSets(raw)] : flags.set;
  const scenario = parseScenario(applySets(raw, sets));
  if (flags.out !== undefined) checkOutputDir(flags.out, flags.force);
  const resources = loadResources(scenario, scenarioPath === undefined ? process.cwd() : dirname(scenarioPath));
  const out = flags.out === undefined ? undefined : new AtomicDir(flags.out, flags.force);
  try {
    runAndWrite(scenario, resources, flags, out, print);
  } catch (e) {
    out?.abort();
    throw e;
  }
}

function runAndWrite(
  scenario: ReturnType<typeof parseScenario>,
  resources: ReturnType<typeof loadResources>,
  flags: RunFlags,
  out: AtomicDir | undefined,
  print: (text: string) => void,
): void {
  const seed = flags.seed ?? scenario.seed;
  // Streaming: rows go to requests.csv as requests end (in that order); the report draws from a sample.
  const stream = out !== undefined && flags.stream === true ? new CsvStream<RequestRow>(out.path("requests.csv"), REQUEST_COLUMNS) : undefined;
  // The report draws from a seeded sample of the rows in file order (all of them up to REPORT_SAMPLE_ROWS), so
  // `infersim report DIR` can draw the same sample from requests.csv without reading it whole.
  const sample = new Reservoir<RequestRow>(REPORT_SAMPLE_ROWS, reportSampleSeed(seed));
  const startedAt = new Date();
  const t0 = performance.now();
  const result = runScenario(scenario, {
    seed,
    resources,
    plainStepping: flags.plainStepping === true,
    ...(flags.stream === true
      ? {
          onRequestRow: (row: RequestRow) => {
            stream?.write(row);
            sample.offer(row);
          },
        }
      : {}),
  });
  stream?.close();
  const elapsedS = (performance.now() - t0) / 1000;
  if (!flags.quiet) print(summaryText(result.summary, elapsedS));
  if (!flags.quiet && result.summary.skippedTraceRows > 0) {
    print(`note: skipped ${result.summary.skippedTraceRows} malformed trace rows (--skip-bad-rows)`);
  }
  if (out === undefined) return;
  // wallClock is the only part of summary.json that changes between two runs of the same scenario and seed.
  const summaryJson = { ...result.summary, wallClock: { startedAt: startedAt.toISOString(), elapsedS } };
  const summaryFile = `${JSON.stringify(summaryJson, null, 2)}\n`;
  if (stream === undefined) for (const row of result.requests) sample.offer(row);
  const reportRequests = toCsv([...sample.items].sort((a, b) => a.id - b.id), REQUEST_COLUMNS);
  const timeseriesFile = timeseriesCsv(result.timeseries);
  const stepsFile = toCsv(result.steps, STEP_COLUMNS);
  const files = new Map<string, string | Uint8Array>([
    ["summary.json", summaryFile],
    ["timeseries.csv", timeseriesFile],
    ["steps.csv", stepsFile],
  ]);
  if (stream === undefined) files.set("requests.csv", toCsv(result.requests, REQUEST_COLUMNS));
  // The report is drawn from the saved text, so `infersim report DIR` redraws it identically.
  for (const [name, content] of reportFiles(runReport(runReportData(summaryFile, reportRequests, timeseriesFile, stepsFile)))) {
    files.set(name, content);
  }
  if (flags.png === true) addPngs(files);
  for (const [name, content] of files) out.write(name, content);
  out.commit();
  if (!flags.quiet) print(`\nwrote ${flags.out ?? ""}/summary.json, requests.csv, timeseries.csv, steps.csv, report.html and charts`);
}
