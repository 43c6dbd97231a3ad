import { describe, expect, it } from "vitest";
import { runScenario } from "../../../experiments/run/runScenario.ts";
import { resolveProfile } from "../../../hardware/cost/profiles.ts";
import { createRooflineCost } from "../../../hardware/cost/roofline.ts";
import { DEVICES } from "../../../hardware/devices/catalog.ts";
import { MODELS } from "../../../hardware/models/catalog.ts";
import { place } from "../../../hardware/placement.ts";
import { powerLevels } from "../../../hardware/power/levels.ts";
import { withPowerCap } from "../../../hardware/power/powerCap.ts";
import { stepDeviceW } from "../../../hardware/power/stepPower.ts";
import type { StepShape } from "../../../sim/ports.ts";
import { splitwiseRows } from "../calibrationData.ts";
import { a100Levels, predictPower, rowLabel, runSteps, splitwisePowerRows, type PowerRow } from "./splitwisePower.ts";

/**
 * The power model against Splitwise's measured GPU power (hardware/power/CALIBRATION.md). Every row is
 * printed with its error; the targets are asserted on the rows the model is meant to reproduce.
 */

const A100_TDP_W = 400;
const AVERAGE_TARGET = { median: 0.1, worst: 0.15 };
const PEAK_TARGET = { median: 0.12, worst: 0.3 };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

const pct = (x: number): string => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;

/**
 * Rows not asserted (CALIBRATION.md, "Excluded rows"): with 8,192-token prompts the measured average is
 * 0.17–0.18 of TDP, about 70 W, barely above the A100's 63 W idle, for runs that decode for 5–7 s and
 * whose peak is ≈ TDP. No mix of prefill and decode can average that low; the measurement window
 * presumably did not match the run.
 */
function exclusion(r: PowerRow): string {
  return r.promptTokens === 8192 ? "average barely above idle for a run decoding 5–7 s" : "";
}

interface Comparison {
  readonly row: PowerRow;
  readonly averageError: number;
  readonly peakError: number;
  readonly predictedAverage: number;
  readonly predictedPeak: number;
  readonly excluded: string;
}

const comparisons: Comparison[] = splitwisePowerRows().map((row) => {
  const p = predictPower(runSteps("a100-80gb-sxm", row), A100_TDP_W, a100Levels());
  return {
    row,
    predictedAverage: p.averageFraction,
    predictedPeak: p.peakFraction,
    averageError: p.averageFraction / row.averageFraction - 1,
    peakError: p.peakFraction / row.peakFraction - 1,
    excluded: exclusion(row),
  };
});

const asserted = comparisons.filter((c) => c.excluded === "");
const stats = (errors: readonly number[]) => ({ median: median(errors.map(Math.abs)), worst: Math.max(...errors.map(Math.abs)) });

describe("GPU power of llama2-70b runs on a DGX-A100 against Splitwise's measurements (splitwise-perf-model.csv)", () => {
  it("covers the 33 configurations with power measured, repetitions averaged", () => {
    expect(comparisons).toHaveLength(33);
    expect(comparisons.filter((c) => c.excluded !== "")).toHaveLength(3);
  });

  it("predicts the average power as a fraction of TDP within 10% median and 15% worst error", () => {
    const lines = comparisons.map(
      (c) =>
        `  ${rowLabel(c.row).padEnd(28)} ${c.row.averageFraction.toFixed(3).padStart(8)} ${c.predictedAverage.toFixed(3).padStart(9)} ${pct(c.averageError).padStart(8)}` +
        `   ${c.row.peakFraction.toFixed(3).padStart(8)} ${c.predictedPeak.toFixed(3).padStart(9)} ${pct(c.peakError).padStart(8)}` +
        (c.excluded === "" ? "" : `  excluded: ${c.excluded}`),
    );
    const avg = stats(asserted.map((c) => c.averageError));
    const peak = stats(asserted.map((c) => c.peakError));
    console.log(
      [
        "\nSplitwise DGX-A100 GPU power, fraction of TDP (400 W): measured vs predicted",
        `  ${"row".padEnd(28)} ${"avg meas".padStart(8)} ${"avg pred".padStart(9)} ${"error".padStart(8)}   ${"peak meas".padStart(8)} ${"peak pred".padStart(9)} ${"error".padStart(8)}`,
        ...lines,
        `  asserted ${asserted.length} rows: average median |error| ${pct(avg.median)}, worst ${pct(avg.worst)}; peak median ${pct(peak.median)}, worst ${pct(peak.worst)}`,
      ].join("\n"),
    );
    expect(avg.median).toBeLessThanOrEqual(AVERAGE_TARGET.median);
    expect(avg.worst).toBeLessThanOrEqual(AVERAGE_TARGET.worst);
  });

  it("predicts the peak power (the highest step's mean draw) within 12% median and 30% worst error", () => {
    const peak = stats(asserted.map((c) => c.peakError));
    expect(peak.median).toBeLessThanOrEqual(PEAK_TARGET.median);
    expect(peak.worst).toBeLessThanOrEqual(PEAK_TARGET.worst);
  });

  it("reproduces the fall of average power with tensor parallelism (0.74 → 0.60 → 0.44 of TDP at 1 × 512 tokens)", () => {
    const at = (tp: number) => comparisons.find((c) => c.row.tensorParallel === tp && c.row.promptTokens === 512 && c.row.batchSize === 1)!;
    expect(at(2).predictedAverage).toBeGreaterThan(at(4).predictedAverage);
    expect(at(4).predictedAverage).toBeGreaterThan(at(8).predictedAverage);
    for (const tp of [2, 4, 8]) expect(Math.abs(at(tp).averageError)).toBeLessThanOrEqual(AVERAGE_TARGET.worst);
  });
});

const EMPTY: StepShape = {
  prefillSeqs: 0,
  prefillTokens: 0,
  prefillAttentionPairs: 0,
  prefillContextTokens: 0,
  decodeSeqs: 0,
  decodeContextTokens: 0,
};

function h100Cost(tensorParallel: number) {
  const placement = place({
    device: DEVICES["h100-sxm"]!,
    model: MODELS["llama-2-70b"]!,
    tensorParallel,
    pipelineParallel: 1,
    weightPrecision: "fp16",
    kvPrecision: "fp16",
    memoryUtilization: 0.9,
    kvBlockSizeTokens: 16,
  });
  return createRooflineCost(placement, resolveProfile("vllm-2023"));
}

describe("H100 against Splitwise-sim's power anchors (no H100 power was measured in the data)", () => {
  const h100 = DEVICES["h100-sxm"]!.power;
  const levels = powerLevels(h100);

  it("draws about the 380 W 'token power' in a TP2 decode and about the 700 W 'prompt power' in a long prefill", () => {
    const lines: string[] = [];
    const decodeW: Record<number, number> = {};
    const prefillW: Record<number, number> = {};
    for (const tp of [2, 4, 8]) {
      const cost = h100Cost(tp);
      decodeW[tp] = stepDeviceW(levels, cost.stepCost({ ...EMPTY, decodeSeqs: 8, decodeContextTokens: 8 * 1024 }));
      prefillW[tp] = stepDeviceW(levels, cost.stepCost({ ...EMPTY, prefillSeqs: 1, prefillTokens: 4096, prefillAttentionPairs: (4096 * 4097) / 2 }));
      lines.push(`  TP${tp}: decode 8 × 1,024 context ${decodeW[tp].toFixed(0)} W (anchor 380), prefill 4,096 tokens ${prefillW[tp].toFixed(0)} W (anchor 700)`);
    }
    console.log(["\nH100 llama-2-70b step power against Splitwise-sim's constant model", ...lines].join("\n"));
    expect(Math.abs(decodeW[2]! / 380 - 1)).toBeLessThanOrEqual(0.1);
    expect(prefillW[2]!).toBeGreaterThanOrEqual(0.9 * 700);
    // Documented deviation: at TP8 the 2023 engine waits on its host, and the model draws well under 380 W.
    expect(decodeW[8]!).toBeLessThan(decodeW[2]!);
  });

  it("slows prefill by about 30% and decode by under 1% under Splitwise-sim's 70% power cap (490 W per H100)", () => {
    // splitwise-perf-model.csv: every h100-80gb-pcap row has exactly 1.300 × the prompt_time and 1.000 × the
    // token_time of its h100-80gb row (the DGX-H100 capped at 7.14 of 10.2 kW).
    const ratios: number[] = [];
    let decodeWorst = 1;
    // Prefills of at least 2,048 tokens (compute-bound); shorter ones are memory-bound and slow down less.
    const rows = splitwiseRows().filter((row) => row.gpu === "h100" && row.batchSize < 64 && row.batchSize * row.promptTokens >= 2048);
    for (const r of rows) {
      const free = h100Cost(r.tensorParallel);
      const capped = withPowerCap(free, h100, 490);
      const b = r.batchSize;
      const p = r.promptTokens;
      const prefill = { ...EMPTY, prefillSeqs: b, prefillTokens: b * p, prefillAttentionPairs: (b * p * (p + 1)) / 2 };
      const decode = { ...EMPTY, decodeSeqs: b, decodeContextTokens: b * (p + 64) };
      ratios.push(capped.stepCost(prefill).durationS / free.stepCost(prefill).durationS);
      decodeWorst = Math.max(decodeWorst, capped.stepCost(decode).durationS / free.stepCost(decode).durationS);
    }
    const mid = median(ratios);
    console.log(
      `\nH100 at a 490 W cap: prefill (≥ 2,048 tokens) slowdown median ${mid.toFixed(3)} (anchor 1.300), range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)} over ${ratios.length} configurations; decode at most ${decodeWorst.toFixed(4)} (anchor 1.000)`,
    );
    expect(decodeWorst).toBeLessThan(1.01);
    expect(Math.abs(mid / 1.3 - 1)).toBeLessThanOrEqual(0.1);
  });
});

describe("cross-check against a published energy per token (not fitted)", () => {
  it("spends 0.1–0.3 J per output token on one H100's board for Llama-3.1-8B at batch 64 (ML.ENERGY: 0.12–0.20)", () => {
    const { energy } = runScenario({
      workload: {
        maxRequests: 128,
        arrival: { kind: "closedLoop", clients: 64 },
        promptTokens: { kind: "fixed", tokens: 512 },
        outputTokens: { kind: "fixed", tokens: 256 },
      },
      cluster: { pools: [{ device: "h100-sxm", model: "llama-3.1-8b" }] },
    }).summary;
    const deviceJPerToken = energy.deviceJoules / energy.outputTokens;
    console.log(
      `\nLlama-3.1-8B, one H100, 64 clients: ${deviceJPerToken.toFixed(3)} J/token on the GPU, ${energy.joulesPerOutputToken!.toFixed(3)} J/token at the facility (hosts, PUE ${energy.pue})`,
    );
    expect(deviceJPerToken).toBeGreaterThan(0.1);
    expect(deviceJPerToken).toBeLessThan(0.3);
  });
});
