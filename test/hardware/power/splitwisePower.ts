import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolveProfile } from "../../../hardware/cost/profiles.ts";
import { createRooflineCost } from "../../../hardware/cost/roofline.ts";
import { DEVICES } from "../../../hardware/devices/catalog.ts";
import { MODELS } from "../../../hardware/models/catalog.ts";
import { place } from "../../../hardware/placement.ts";
import type { PowerLevelOptions } from "../../../hardware/power/levels.ts";
import { powerLevels } from "../../../hardware/power/levels.ts";
import { stepDeviceW } from "../../../hardware/power/stepPower.ts";
import type { StepCost, StepShape } from "../../../sim/ports.ts";

/**
 * Splitwise's measured GPU power (test/fixtures/calibration/splitwise-llama2-70b.csv, never ../shared) and
 * the power model's prediction of it, shared by the calibration test and fitPower.ts.
 */

const FIXTURE = fileURLToPath(new URL("../../fixtures/calibration/splitwise-llama2-70b.csv", import.meta.url));

/** One Splitwise configuration with power measured (only DGX-A100 rows have it), repetitions averaged. */
export interface PowerRow {
  readonly tensorParallel: number;
  readonly promptTokens: number;
  readonly batchSize: number;
  readonly outputTokens: number;
  /** Mean GPU draw over the run as a fraction of the GPU's TDP (400 W), see CALIBRATION.md. */
  readonly averageFraction: number;
  readonly peakFraction: number;
  readonly repetitions: number;
}

export function splitwisePowerRows(): PowerRow[] {
  const [header, ...lines] = readFileSync(FIXTURE, "utf8").trim().split(/\r?\n/);
  const columns = header!.split(",");
  const groups = new Map<string, { row: Record<string, string>; average: number[]; peak: number[] }>();
  for (const line of lines) {
    const cells = line.split(",");
    const r = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
    // The H100 rows and the longer generations carry no power measurement (0).
    if (r.hardware !== "a100-80gb" || Number(r.average_power) === 0) continue;
    const key = [r.tensor_parallel, r.prompt_size, r.batch_size, r.token_size].join("/");
    const group = groups.get(key) ?? { row: r, average: [], peak: [] };
    group.average.push(Number(r.average_power));
    group.peak.push(Number(r.peak_power));
    groups.set(key, group);
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [...groups.values()].map(({ row, average, peak }) => ({
    tensorParallel: Number(row.tensor_parallel),
    promptTokens: Number(row.prompt_size),
    batchSize: Number(row.batch_size),
    outputTokens: Number(row.token_size),
    averageFraction: mean(average),
    peakFraction: mean(peak),
    repetitions: average.length,
  }));
}

export function rowLabel(r: PowerRow): string {
  return `A100 TP${r.tensorParallel} ${r.batchSize}×${r.promptTokens} out ${r.outputTokens}`;
}

const EMPTY: StepShape = {
  prefillSeqs: 0,
  prefillTokens: 0,
  prefillAttentionPairs: 0,
  prefillContextTokens: 0,
  decodeSeqs: 0,
  decodeContextTokens: 0,
};

/** The steps of one Splitwise run: the whole batch's prefill, then one decode step per further token. */
export function runSteps(deviceName: string, r: PowerRow): StepCost[] {
  const placement = place({
    device: DEVICES[deviceName]!,
    model: MODELS["llama-2-70b"]!,
    tensorParallel: r.tensorParallel,
    pipelineParallel: 1,
    weightPrecision: "fp16",
    kvPrecision: "fp16",
    memoryUtilization: 0.9,
    kvBlockSizeTokens: 16,
  });
  const cost = createRooflineCost(placement, resolveProfile("vllm-2023"));
  const b = r.batchSize;
  const p = r.promptTokens;
  const steps = [cost.stepCost({ ...EMPTY, prefillSeqs: b, prefillTokens: b * p, prefillAttentionPairs: (b * p * (p + 1)) / 2 })];
  for (let i = 1; i < r.outputTokens; i++) {
    steps.push(cost.stepCost({ ...EMPTY, decodeSeqs: b, decodeContextTokens: b * (p + i) }));
  }
  return steps;
}

export interface PowerPrediction {
  readonly averageFraction: number;
  readonly peakFraction: number;
}

/**
 * The model's mean and peak GPU draw over a run, as fractions of TDP: energy over time, and the highest
 * step's mean draw (a power sampler averages over tens of milliseconds, about one step).
 */
export function predictPower(steps: readonly StepCost[], tdpW: number, levels: ReturnType<typeof powerLevels>): PowerPrediction {
  let joules = 0;
  let seconds = 0;
  let peakW = 0;
  for (const s of steps) {
    const w = stepDeviceW(levels, s);
    joules += w * s.durationS;
    seconds += s.durationS;
    peakW = Math.max(peakW, w);
  }
  return { averageFraction: joules / seconds / tdpW, peakFraction: peakW / tdpW };
}

/** A100 power levels for the calibration, with the shares given (default: the calibrated constants). */
export function a100Levels(options: PowerLevelOptions = {}): ReturnType<typeof powerLevels> {
  return powerLevels(DEVICES["a100-80gb-sxm"]!.power, options);
}
