import { describe, expect, it } from "vitest";
import { costLayout } from "../../hardware/cost/geometry.ts";
import { resolveProfile } from "../../hardware/cost/profiles.ts";
import { createStepBreakdown } from "../../hardware/cost/roofline.ts";
import { DEVICES } from "../../hardware/devices/catalog.ts";
import type { DeviceSpec } from "../../hardware/devices/types.ts";
import { MODELS } from "../../hardware/models/catalog.ts";
import type { ModelSpec } from "../../hardware/models/types.ts";
import { place } from "../../hardware/placement.ts";
import type { StepShape } from "../../sim/ports.ts";
import { linearOpRows, splitwiseRows, type SplitwiseRow } from "./calibrationData.ts";

/**
 * Predicted versus measured step and operator times for the `vllm-2023` profile (hardware/CALIBRATION.md).
 * Every row is printed; the targets (median ≤ 10 %, worst ≤ 25 % absolute error) are asserted on the rows
 * the model is meant to reproduce, and the excluded rows carry the documented reason.
 */

const MEDIAN_TARGET = 0.1;
const WORST_TARGET = 0.25;
const MS_PER_S = 1000;

const PROFILE = resolveProfile("vllm-2023");
const GPU: Record<"a100" | "h100", DeviceSpec> = { a100: DEVICES["a100-80gb-sxm"]!, h100: DEVICES["h100-sxm"]! };

function model(name: string): ModelSpec {
  return MODELS[name]!;
}

interface Comparison {
  readonly label: string;
  readonly measuredMs: number;
  readonly predictedMs: number;
  /** Why the row is not asserted; empty when it is. */
  readonly excluded: string;
}

function absError(c: Comparison): number {
  return Math.abs(c.predictedMs / c.measuredMs - 1);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

interface Summary {
  readonly rows: number;
  readonly medianAbsError: number;
  readonly worstAbsError: number;
  readonly worstLabel: string;
}

function summarize(rows: readonly Comparison[]): Summary {
  const errors = rows.map(absError);
  const worst = Math.max(...errors);
  return {
    rows: rows.length,
    medianAbsError: median(errors),
    worstAbsError: worst,
    worstLabel: rows[errors.indexOf(worst)]!.label,
  };
}

function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function printTable(title: string, rows: readonly Comparison[]): void {
  const lines = rows.map((c) => {
    const error = c.predictedMs / c.measuredMs - 1;
    const signed = `${error >= 0 ? "+" : ""}${percent(error)}`;
    return `  ${c.label.padEnd(34)} ${c.measuredMs.toFixed(3).padStart(10)} ${c.predictedMs.toFixed(3).padStart(10)} ${signed.padStart(8)}${c.excluded === "" ? "" : `  excluded: ${c.excluded}`}`;
  });
  const asserted = rows.filter((c) => c.excluded === "");
  const all = summarize(rows);
  const kept = summarize(asserted);
  console.log(
    [
      `\n${title}`,
      `  ${"row".padEnd(34)} ${"measured".padStart(10)} ${"predicted".padStart(10)} ${"error".padStart(8)}  (ms)`,
      ...lines,
      `  asserted ${kept.rows} rows: median |error| ${percent(kept.medianAbsError)}, worst ${percent(kept.worstAbsError)} (${kept.worstLabel})`,
      `  all ${all.rows} rows:      median |error| ${percent(all.medianAbsError)}, worst ${percent(all.worstAbsError)} (${all.worstLabel})`,
    ].join("\n"),
  );
}

function expectOnTarget(rows: readonly Comparison[]): void {
  const s = summarize(rows.filter((c) => c.excluded === ""));
  expect(s.medianAbsError, `median |error| of ${s.rows} rows`).toBeLessThanOrEqual(MEDIAN_TARGET);
  expect(s.worstAbsError, `worst |error|: ${s.worstLabel}`).toBeLessThanOrEqual(WORST_TARGET);
}

const EMPTY: StepShape = {
  prefillSeqs: 0,
  prefillTokens: 0,
  prefillAttentionPairs: 0,
  prefillContextTokens: 0,
  decodeSeqs: 0,
  decodeContextTokens: 0,
};

describe("GEMM time per layer against vidur's operator profiles (vidur-linear-ops.csv)", () => {
  // The four GEMMs of one layer (QKV, O, gate+up, down) on one GPU: the linear group of the cost model
  // without the LM head, divided by the layer count. 70B at TP1 does not fit an 80 GB GPU, so the layout is
  // built unchecked: vidur profiled single layers.
  const rows: Comparison[] = linearOpRows().map((r) => {
    const m = model(r.model);
    const layout = costLayout(GPU[r.gpu], m, r.tensorParallel, 1, "fp16", "fp16");
    const b = createStepBreakdown(layout, PROFILE)({ ...EMPTY, decodeSeqs: r.tokens });
    return {
      label: `${r.gpu} ${r.model} TP${r.tensorParallel} ${r.tokens} tok`,
      measuredMs: r.gemmMs,
      predictedMs: ((b.linearS + b.gemmKernelsS) / m.layers) * MS_PER_S,
      excluded: "",
    };
  });

  it("predicts all 96 rows within 10% median and 25% worst error", () => {
    printTable("vidur GEMM time per layer per GPU, vllm-2023 profile", rows);
    expect(rows).toHaveLength(96);
    expectOnTarget(rows);
  });

  it("meets the targets on the A100 and the H100 separately", () => {
    expectOnTarget(rows.filter((c) => c.label.startsWith("a100")));
    expectOnTarget(rows.filter((c) => c.label.startsWith("h100")));
  });
});

/**
 * Rows the model is not asked to reproduce (hardware/CALIBRATION.md, "Excluded rows"):
 * - TP2 with 64 prompts: the reported prefill (796 ms A100, 361 ms H100 for 32,768 tokens) is below the
 *   time the dense peak alone allows (7.2 s and 2.3 s), so the run cannot have prefilled the whole batch;
 *   its decode time (lower than at 32 prompts) is suspect too.
 * - A100 prefill of 8 or more prompts at TP4/TP8: a batch takes 12–36 % longer than one prompt of the same
 *   total length (TP8: 16 × 512 tokens 2,063 ms vs 1 × 8,192 tokens 1,544 ms) although the single prompt
 *   does 16× the attention work. No cost of the step's totals can show that (on the H100 it is the other way).
 */
function exclusion(r: SplitwiseRow, phase: "prefill" | "decode"): string {
  if (r.tensorParallel === 2 && r.batchSize === 64) return "TP2 × 64 prompts is faster than peak FLOP/s allow";
  if (phase === "prefill" && r.gpu === "a100" && r.tensorParallel >= 4 && r.batchSize >= 8) {
    return "A100 batched prefill slower than one prompt of equal tokens";
  }
  return "";
}

describe("llama2-70b step times against Splitwise's DGX-A100 / DGX-H100 measurements (splitwise-perf-model.csv)", () => {
  const prefill: Comparison[] = [];
  const decode: Comparison[] = [];
  for (const r of splitwiseRows()) {
    const placement = place({
      device: GPU[r.gpu],
      model: model("llama-2-70b"),
      tensorParallel: r.tensorParallel,
      pipelineParallel: 1,
      weightPrecision: "fp16",
      kvPrecision: "fp16",
      memoryUtilization: 0.9,
      kvBlockSizeTokens: 16,
    });
    const breakdown = createStepBreakdown(placement, PROFILE);
    const p = r.promptTokens;
    const b = r.batchSize;
    // The whole batch's prompts in one step; decode at the mean context over the generation.
    const prefillStep = breakdown({ ...EMPTY, prefillSeqs: b, prefillTokens: b * p, prefillAttentionPairs: (b * p * (p + 1)) / 2 });
    const decodeStep = breakdown({ ...EMPTY, decodeSeqs: b, decodeContextTokens: b * (p + r.outputTokens / 2) });
    const label = `${r.gpu} TP${r.tensorParallel} ${b}×${p} out ${r.outputTokens}`;
    prefill.push({ label, measuredMs: r.promptMs, predictedMs: prefillStep.durationS * MS_PER_S, excluded: exclusion(r, "prefill") });
    decode.push({ label, measuredMs: r.tokenMs, predictedMs: decodeStep.durationS * MS_PER_S, excluded: exclusion(r, "decode") });
  }

  it("covers 57 configurations per GPU, repetitions averaged (5 each, 15 for the 512-token base point)", () => {
    expect(prefill).toHaveLength(114);
    expect(splitwiseRows().every((r) => r.repetitions === 5 || r.repetitions === 15)).toBe(true);
  });

  it("excludes only the documented rows: 2 + 8 prefill and 2 decode", () => {
    expect(prefill.filter((c) => c.excluded !== "")).toHaveLength(10);
    expect(decode.filter((c) => c.excluded !== "")).toHaveLength(2);
  });

  it("predicts prefill (prompt_time) within 10% median and 25% worst error", () => {
    printTable("Splitwise prefill of the whole batch (prompt_time), vllm-2023 profile", prefill);
    expectOnTarget(prefill);
  });

  it("predicts a decode step (token_time) within 10% median and 25% worst error", () => {
    printTable("Splitwise decode step (token_time), vllm-2023 profile", decode);
    expectOnTarget(decode);
  });

  it("meets the targets on each GPU separately", () => {
    for (const gpu of ["a100", "h100"]) {
      expectOnTarget(prefill.filter((c) => c.label.startsWith(gpu)));
      expectOnTarget(decode.filter((c) => c.label.startsWith(gpu)));
    }
  });
});

/** Single-stream output speed of one replica: one sequence decoding at `contextTokens`. */
function singleStreamTokensPerS(deviceName: string, modelName: string, tensorParallel: number, precision: "int8" | "fp16", maxContextTokens: number, contextTokens: number) {
  const placement = place({
    device: DEVICES[deviceName]!,
    model: model(modelName),
    tensorParallel,
    pipelineParallel: 1,
    weightPrecision: precision,
    kvPrecision: "fp16",
    memoryUtilization: 0.9,
    kvBlockSizeTokens: 16,
    maxContextTokens,
  });
  const step = createStepBreakdown(placement, PROFILE)({ ...EMPTY, decodeSeqs: 1, decodeContextTokens: contextTokens });
  return { tokensPerS: 1 / step.durationS, devices: placement.devicesPerReplica };
}

describe("LPU and wafer single-stream speed against vendors' published figures (reference §3.4)", () => {
  const tolerance = 0.3;

  it("runs Llama-2-70B on Groq LPUs at about 300 tok/s per user (fitted: the only published point)", () => {
    const groq = singleStreamTokensPerS("groq-lpu", "llama-2-70b", 8, "int8", 4096, 2048);
    console.log(`\nGroq LPU, llama-2-70b int8, TP8 per stage: ${groq.devices} chips, ${groq.tokensPerS.toFixed(0)} tok/s/user (published ≈ 300)`);
    expect(groq.devices).toBeGreaterThanOrEqual(305);
    expect(Math.abs(groq.tokensPerS / 300 - 1)).toBeLessThanOrEqual(tolerance);
  });

  it("runs Llama-3.1-8B on one CS-3 at about 1,800 tok/s per user (the point the pass latency is fitted to)", () => {
    const small = singleStreamTokensPerS("cerebras-wse3", "llama-3.1-8b", 1, "fp16", 8192, 1024);
    expect(small.devices).toBe(1);
    expect(Math.abs(small.tokensPerS / 1800 - 1)).toBeLessThanOrEqual(0.05);
  });

  it("predicts Llama-3.1-70B at 16 bits on 4 CS-3 at about 450 tok/s per user", () => {
    const big = singleStreamTokensPerS("cerebras-wse3", "llama-3.1-70b", 1, "fp16", 8192, 1024);
    console.log(`Cerebras WSE-3, llama-3.1-70b fp16: ${big.devices} wafers, ${big.tokensPerS.toFixed(0)} tok/s/user (published ≈ 450)`);
    expect(big.devices).toBe(4);
    expect(Math.abs(big.tokensPerS / 450 - 1)).toBeLessThanOrEqual(tolerance);
  });
});
