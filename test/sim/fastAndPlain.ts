import { expect } from "vitest";
import { runScenario } from "../../experiments/run/runScenario.ts";
import type { RunOptions, RunResult } from "../../experiments/run/runScenario.ts";

// Running a scenario with the decode fast path and with plain stepping, and comparing all they report.

/** Relative tolerance for numbers: sums taken in another order across replicas may differ in the last bits. */
const RELATIVE_TOLERANCE = 1e-9;

/** Paths where two values differ (numbers beyond the relative tolerance, anything else when not equal). */
export function differences(a: unknown, b: unknown, path: string, out: string[], tolerance = RELATIVE_TOLERANCE): string[] {
  if (out.length >= 10) return out;
  if (typeof a === "number" && typeof b === "number") {
    const close = a === b || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
    if (!close) out.push(`${path}: ${a} vs ${b}`);
  } else if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out, tolerance);
  } else if (a !== b) {
    out.push(`${path}: ${String(a)} vs ${String(b)}`);
  }
  return out;
}

/** Everything a run reports except how many events it took (the point of the fast path is taking fewer). */
function comparable(result: RunResult): object {
  const { run, ...summary } = result.summary;
  return { summary, stoppedByHorizon: run.stoppedByHorizon, requests: result.requests, timeseries: result.timeseries, steps: result.steps };
}

/** The scenario run with the decode fast path and with plain stepping. */
export function bothWays(input: unknown, options: RunOptions = {}): { fast: RunResult; plain: RunResult } {
  return { fast: runScenario(input, options), plain: runScenario(input, { ...options, plainStepping: true }) };
}

/** Both ways, and expect the same results (numbers up to the tolerance). */
export function expectSameResults(input: unknown, options: RunOptions = {}): { fast: RunResult; plain: RunResult } {
  const runs = bothWays(input, options);
  expect(differences(comparable(runs.fast), comparable(runs.plain), "", [])).toEqual([]);
  return runs;
}
