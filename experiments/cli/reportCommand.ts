import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ReportInput } from "../../viz/index.ts";
import type { CompareFile } from "../compare/compareFile.ts";
import { InputError } from "../errors.ts";
import type { PlanFile } from "../plan/planFile.ts";
import { compareReport } from "../report/compareReport.ts";
import { reportFiles } from "../report/files.ts";
import { planReport } from "../report/planReport.ts";
import { runReport, runReportData } from "../report/runReport.ts";
import { sweepReport } from "../report/sweepReport.ts";
import { REPORT_SAMPLE_ROWS, reportSampleSeed, sampleCsvFile } from "../io/csvSample.ts";
import { addPngs } from "./experimentRun.ts";
import { readSweepFile } from "./mergeCommand.ts";

export interface ReportFlags {
  readonly png: boolean;
  readonly quiet: boolean;
}

function readText(dir: string, name: string): string {
  try {
    return readFileSync(join(dir, name), "utf8");
  } catch {
    throw new InputError(`report: ${join(dir, name)} is missing`);
  }
}

function readJson(dir: string, name: string): unknown {
  try {
    return JSON.parse(readText(dir, name));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`report: ${join(dir, name)} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The report's sample of requests.csv (as `run` drew it), read a chunk at a time: streamed files can be huge. */
function requestSample(dir: string, summaryText: string): string {
  const path = join(dir, "requests.csv");
  if (!existsSync(path)) throw new InputError(`report: ${path} is missing`);
  let seed: number;
  try {
    seed = (JSON.parse(summaryText) as { seed: number }).seed;
  } catch (e) {
    throw new InputError(`report: ${join(dir, "summary.json")} is not valid JSON: ${(e as Error).message}`);
  }
  return sampleCsvFile(path, REPORT_SAMPLE_ROWS, reportSampleSeed(seed));
}

/** The report of whatever result DIR holds: a sweep, a comparison, a plan or a run. */
export function reportOfDir(dir: string): { kind: string; report: ReportInput } {
  if (existsSync(join(dir, "sweep.json"))) return { kind: "sweep", report: sweepReport(readSweepFile(dir)) };
  if (existsSync(join(dir, "compare.json"))) return { kind: "compare", report: compareReport(readJson(dir, "compare.json") as CompareFile) };
  if (existsSync(join(dir, "plan.json"))) return { kind: "plan", report: planReport(readJson(dir, "plan.json") as PlanFile) };
  if (existsSync(join(dir, "summary.json"))) {
    const steps = existsSync(join(dir, "steps.csv")) ? readText(dir, "steps.csv") : "";
    const summaryText = readText(dir, "summary.json");
    const data = runReportData(summaryText, requestSample(dir, summaryText), readText(dir, "timeseries.csv"), steps);
    return { kind: "run", report: runReport(data) };
  }
  throw new InputError(`report: ${dir} holds no infersim result (summary.json, sweep.json, compare.json or plan.json)`);
}

/** `infersim report DIR [--png]`: redraw report.html and the charts from the saved results, each file replaced whole. */
export function reportCommand(dir: string, flags: ReportFlags, print: (text: string) => void): void {
  const { kind, report } = reportOfDir(dir);
  const files = new Map<string, string | Uint8Array>(reportFiles(report));
  if (flags.png) addPngs(files);
  for (const [name, content] of files) {
    const path = join(dir, name);
    const temp = join(dir, `.${name}.tmp-${process.pid}`);
    writeFileSync(temp, content);
    renameSync(temp, path);
  }
  if (!flags.quiet) print(`redrew the ${kind} report: ${join(dir, "report.html")} and ${files.size - 1} chart files`);
}
