import { describe, expect, it } from "vitest";
import { DeviceSpecSchema, ModelSpecSchema } from "../../experiments/schema/hardwareSpec.ts";
import { DEVICES } from "../../hardware/devices/catalog.ts";
import { MODELS } from "../../hardware/models/catalog.ts";
import { kvBytesPerToken, paramCount } from "../../hardware/models/derived.ts";
import { place } from "../../hardware/placement.ts";

// Lives under test/hardware while experiments/schema/hardwareSpec.ts belongs to the hardware issue.

const INLINE_GPU = {
  name: "my-gpu",
  peakFlopsPerS: { bf16: 1000e12, fp8: 2000e12 },
  memoryBytes: 96e9,
  memoryBandwidthBytesPerS: 4e12,
  scaleUp: { bandwidthBytesPerS: 900e9 },
  power: { maxW: 700 },
};

const INLINE_LLAMA_8B = {
  name: "my-llama",
  layers: 32,
  hiddenSize: 4096,
  qHeads: 32,
  kvHeads: 8,
  headDim: 128,
  ffnSize: 14336,
  vocab: 128256,
  maxContextTokens: 131072,
};

describe("inline device and model specs in a scenario", () => {
  it("turn a minimal device into a complete DeviceSpec that placement accepts", () => {
    const device = DeviceSpecSchema.parse(INLINE_GPU);
    expect(device.class).toBe("gpu");
    expect(device.power).toEqual({ idleW: 91, memoryBoundW: 406, computeBoundW: 700, maxW: 700 });
    expect(device.node).toEqual({ devicesPerNode: 8, maxW: 5600 });
    expect(device.scaleUp.latencyS).toBe(2e-6);
    expect(device.dataflow).toBeUndefined();
    const placement = place({
      device,
      model: MODELS["llama-3.1-8b"]!,
      tensorParallel: 1,
      pipelineParallel: 1,
      weightPrecision: "fp8",
      kvPrecision: "fp8",
      memoryUtilization: 0.9,
      kvBlockSizeTokens: 16,
    });
    expect(placement.kvCapacityTokens).toBeGreaterThan(131072);
  });

  it("accept every built-in device written out in full", () => {
    for (const device of Object.values(DEVICES)) {
      const { name, class: cls, vendor, peakFlopsPerS, memoryBytes, memoryBandwidthBytesPerS, memoryKind, scaleUp, scaleOut, hostLink, power, node, dataflow, source } = device;
      const written = { name, class: cls, vendor, peakFlopsPerS, memoryBytes, memoryBandwidthBytesPerS, memoryKind, scaleUp, scaleOut, hostLink, power, node, source, ...(dataflow === undefined ? {} : { dataflow }) };
      expect(DeviceSpecSchema.parse(written)).toEqual(device);
    }
  });

  it("reject unknown keys and missing figures", () => {
    expect(DeviceSpecSchema.safeParse({ ...INLINE_GPU, hbmGB: 96 }).success).toBe(false);
    expect(DeviceSpecSchema.safeParse({ ...INLINE_GPU, peakFlopsPerS: {} }).success).toBe(false);
    expect(DeviceSpecSchema.safeParse({ ...INLINE_GPU, peakFlopsPerS: { fp32: 1e12 } }).success).toBe(false);
    expect(DeviceSpecSchema.safeParse({ ...INLINE_GPU, memoryBytes: undefined }).success).toBe(false);
  });

  it("turn a model written like its config.json into a ModelSpec with the catalog's counts", () => {
    const model = ModelSpecSchema.parse(INLINE_LLAMA_8B);
    const builtIn = MODELS["llama-3.1-8b"]!;
    expect(paramCount(model)).toBe(paramCount(builtIn));
    expect(kvBytesPerToken(model, "fp16")).toBe(kvBytesPerToken(builtIn, "fp16"));
    expect(model.moe).toBeUndefined();
    expect("moe" in model).toBe(false);
  });

  it("accept every built-in model written out in full", () => {
    for (const model of Object.values(MODELS)) expect(ModelSpecSchema.parse(model)).toEqual(model);
  });

  it("reject inconsistent models", () => {
    expect(ModelSpecSchema.safeParse({ ...INLINE_LLAMA_8B, kvHeads: 7 }).success).toBe(false);
    expect(ModelSpecSchema.safeParse({ ...INLINE_LLAMA_8B, moe: { experts: 2, activeExperts: 4, expertFfnSize: 100 } }).success).toBe(false);
    expect(ModelSpecSchema.safeParse({ ...INLINE_LLAMA_8B, heads: 32 }).success).toBe(false);
  });
});
