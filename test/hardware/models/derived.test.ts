import { describe, expect, it } from "vitest";
import { MODEL_NAMES, MODELS } from "../../../hardware/models/catalog.ts";
import { activeParamCount, kvBytesPerToken, paramCount, weightBytes } from "../../../hardware/models/derived.ts";
import type { ModelSpec } from "../../../hardware/models/types.ts";
import { GB, KiB } from "../../../hardware/units.ts";

function model(name: string): ModelSpec {
  return MODELS[name]!;
}

/** Reference §2.1: total and active parameters, billions, as printed (2 decimals). */
const PARAMS_B: Record<string, readonly [number, number]> = {
  "llama-2-7b": [6.74, 6.74],
  "llama-2-13b": [13.02, 13.02],
  "llama-2-70b": [68.98, 68.98],
  "llama-3.1-8b": [8.03, 8.03],
  "llama-3.1-70b": [70.55, 70.55],
  "llama-3.1-405b": [405.85, 405.85],
  "mistral-7b": [7.24, 7.24],
  "mixtral-8x7b": [46.7, 12.88],
  "qwen2.5-72b": [72.71, 72.71],
};

/** Reference §2.2: KV-cache bytes per token at FP16. */
const KV_BYTES_FP16: Record<string, number> = {
  "llama-2-7b": 524_288,
  "llama-2-13b": 819_200,
  "llama-2-70b": 327_680,
  "llama-3.1-8b": 131_072,
  "llama-3.1-70b": 327_680,
  "llama-3.1-405b": 516_096,
  "mistral-7b": 131_072,
  "mixtral-8x7b": 131_072,
  "qwen2.5-72b": 327_680,
  "deepseek-v3": 70_272,
};

describe("model parameter counts", () => {
  it.each(Object.entries(PARAMS_B))("%s has the reference's total and active parameters", (name, [total, active]) => {
    expect(paramCount(model(name)) / 1e9).toBeCloseTo(total, 2);
    expect(activeParamCount(model(name)) / 1e9).toBeCloseTo(active, 2);
  });

  it("gives DeepSeek-V3 671B parameters with about 37B active per token", () => {
    const dsv3 = model("deepseek-v3");
    expect(Math.round(paramCount(dsv3) / 1e9)).toBe(671);
    expect(activeParamCount(dsv3) / 1e9).toBeGreaterThan(37);
    expect(activeParamCount(dsv3) / 1e9).toBeLessThan(38);
  });

  it("makes FP16 weights about twice the parameter count in bytes (reference rules of thumb)", () => {
    expect(weightBytes(model("llama-3.1-70b"), "fp16") / GB).toBeCloseTo(141.1, 1);
    expect(weightBytes(model("llama-3.1-405b"), "fp16") / GB).toBeCloseTo(811.7, 1);
    expect(weightBytes(model("mixtral-8x7b"), "fp16") / GB).toBeCloseTo(93.4, 1);
    expect(weightBytes(model("deepseek-v3"), "fp8") / GB).toBeCloseTo(671, 0);
  });
});

describe("KV-cache bytes per token", () => {
  it.each(Object.entries(KV_BYTES_FP16))("%s stores the reference's FP16 KV bytes per token", (name, bytes) => {
    expect(kvBytesPerToken(model(name), "fp16")).toBe(bytes);
  });

  it("halves with an FP8 cache", () => {
    expect(kvBytesPerToken(model("llama-3.1-70b"), "fp8") / KiB).toBe(160);
    expect(kvBytesPerToken(model("deepseek-v3"), "fp8") / KiB).toBeCloseTo(34.3, 1);
  });

  it("uses the MLA latent (512 + 64 per layer) for DeepSeek, not expanded heads", () => {
    const dsv3 = model("deepseek-v3");
    expect(kvBytesPerToken(dsv3, "bf16")).toBe(61 * 576 * 2);
    expect(kvBytesPerToken(dsv3, "bf16")).toBeLessThan(61 * 128 * (192 + 128) * 2);
  });
});

describe("the model catalog", () => {
  it("keys every model by its own name", () => {
    for (const name of MODEL_NAMES) expect(model(name).name).toBe(name);
    expect(MODEL_NAMES).toHaveLength(10);
  });

  it("cites a source for every model", () => {
    for (const name of MODEL_NAMES) expect(model(name).source.length).toBeGreaterThan(10);
  });
});
