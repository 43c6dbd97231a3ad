import { describe, expect, it } from "vitest";
import { MODELS } from "../../hardware/models/catalog.ts";
import { paramCount } from "../../hardware/models/derived.ts";
import { PlacementError, place, type PlacementInput } from "../../hardware/placement.ts";
import { GB } from "../../hardware/units.ts";
import { placementInputFor } from "./placed.ts";

const input = placementInputFor;

function failure(placementInput: PlacementInput): string {
  try {
    place(placementInput);
  } catch (e) {
    expect(e).toBeInstanceOf(PlacementError);
    return (e as Error).message;
  }
  throw new Error("expected a PlacementError");
}

describe("placement that does not fit", () => {
  it("tells a user that FP16 Llama-3.1-70B needs more than one H100, and how many", () => {
    expect(failure(input("h100-sxm", "llama-3.1-70b", 1))).toBe(
      "llama-3.1-70b fp16 needs 141 GB of weights, 141 GB per device on h100-sxm TP1 PP1 (+ 2.25 GB of activations); " +
        "h100-sxm has 80 GB, 72 GB usable at memoryUtilization 0.9: use TP≥4",
    );
  });

  it("refuses weights that fit when the KV cache cannot hold one full context, and offers a shorter one", () => {
    expect(failure(input("h100-sxm", "llama-3.1-70b", 2))).toBe(
      "llama-3.1-70b fp16 on h100-sxm TP2 PP1 leaves 0.054 GB per device for the KV cache: 320 tokens, " +
        "less than one 131,072-token context: set maxContextTokens ≤ 320, or use TP≥4 or fp8",
    );
  });

  it("suggests a narrower precision the device computes", () => {
    expect(failure(input("a100-80gb-sxm", "llama-2-70b", 1))).toBe(
      "llama-2-70b fp16 needs 138 GB of weights, 138 GB per device on a100-80gb-sxm TP1 PP1 (+ 2.15 GB of activations); " +
        "a100-80gb-sxm has 80 GB, 72 GB usable at memoryUtilization 0.9: use TP≥2 or int4",
    );
  });

  it("suggests pipeline stages across nodes when a node is not enough", () => {
    expect(failure(input("h100-sxm", "deepseek-v3", 8, "fp8"))).toMatch(/: use PP≥2$/);
  });

  it("rejects a precision the device does not compute", () => {
    expect(failure(input("h100-sxm", "llama-3.1-8b", 1, "int4"))).toBe(
      "h100-sxm has no int4 support; it computes fp16, bf16, fp8, int8",
    );
    expect(failure(input("tpu-v5e", "llama-2-7b", 1, "fp16"))).toBe("tpu-v5e has no fp16 support; it computes bf16, int8");
    expect(failure(input("h100-sxm", "llama-3.1-8b", 1, "fp16", { kvPrecision: "fp4" }))).toBe(
      "h100-sxm has no fp4 support for the KV cache; use fp16, bf16, fp8 or int8",
    );
  });

  it("rejects a TP degree that does not split the heads", () => {
    expect(failure(input("h100-sxm", "llama-2-70b", 3))).toBe("TP3 must divide llama-2-70b's 64 query heads");
  });

  it("rejects nonsense parameters with the offending value", () => {
    expect(failure(input("h100-sxm", "llama-3.1-8b", 1, "fp16", { memoryUtilization: 1.5 }))).toBe(
      "memoryUtilization must be in (0, 1], got 1.5",
    );
    expect(failure(input("h100-sxm", "llama-3.1-8b", 0))).toBe("tensorParallel must be a positive integer, got 0");
    expect(failure(input("h100-sxm", "llama-3.1-8b", 1, "fp16", { pipelineParallel: 40 }))).toBe(
      "PP40 exceeds llama-3.1-8b's 32 layers",
    );
  });
});

describe("placement that fits", () => {
  it("sizes FP16 Llama-3.1-70B on four H100s: weights, KV per token and capacity by hand", () => {
    const p = place(input("h100-sxm", "llama-3.1-70b", 4));
    expect(p.devicesPerReplica).toBe(4);
    // A quarter of every layer, plus a quarter of the embedding and of the LM head, plus norms.
    expect(p.weightBytesPerDevice / GB).toBeCloseTo(35.28, 2);
    // 80 layers × 2 (K, V) × 2 KV heads per device × 128 × 2 bytes.
    expect(p.kvBytesPerTokenPerDevice).toBe(80 * 2 * 2 * 128 * 2);
    const free = 0.9 * 80 * GB - p.weightBytesPerDevice - p.activationReserveBytesPerDevice;
    expect(p.kvCapacityBlocks).toBe(Math.floor(free / (81920 * 16)));
    expect(p.kvCapacityTokens).toBe(p.kvCapacityBlocks * 16);
    expect(p.maxContextTokens).toBe(131072);
  });

  it("stores whole weights once per replica", () => {
    const p = place(input("h100-sxm", "llama-3.1-70b", 4));
    expect(p.weightBytesTotal).toBe(paramCount(MODELS["llama-3.1-70b"]!) * 2);
  });

  it("replicates GQA KV heads once TP exceeds their count", () => {
    const tp8 = place(input("h100-sxm", "llama-3.1-70b", 8));
    const tp16 = place(input("h100-sxm", "llama-3.1-70b", 16));
    expect(tp8.shard.kvHeadsPerDevice).toBe(1);
    expect(tp16.shard.kvHeadsPerDevice).toBe(1);
    expect(tp16.kvBytesPerTokenPerDevice).toBe(tp8.kvBytesPerTokenPerDevice);
    expect(tp16.nodesPerReplica).toBe(2);
  });

  it("keeps DeepSeek's MLA latent whole on every device of a TP group", () => {
    const p = place(input("h200-sxm", "deepseek-v3", 8, "fp8", { kvPrecision: "bf16" }));
    expect(p.kvBytesPerTokenPerDevice).toBe(61 * 576 * 2);
  });

  it("honours a shorter served context, never a longer one", () => {
    const short = place(input("rtx-4090", "llama-3.1-8b", 1, "fp16", { maxContextTokens: 8192 }));
    expect(short.maxContextTokens).toBe(8192);
    const long = place(input("h100-sxm", "llama-2-7b", 1, "fp16", { maxContextTokens: 100_000 }));
    expect(long.maxContextTokens).toBe(4096);
  });

  it("splits Llama-3.1-405B over two nodes with pipeline parallelism", () => {
    const p = place({ ...input("h100-sxm", "llama-3.1-405b", 8), pipelineParallel: 2 });
    expect(p.devicesPerReplica).toBe(16);
    expect(p.layersPerStage).toBe(63);
    expect(p.nodesPerReplica).toBe(2);
  });

  it("grows KV capacity with memoryUtilization", () => {
    const low = place(input("h100-sxm", "llama-3.1-8b", 1, "fp16", { memoryUtilization: 0.8 }));
    const high = place(input("h100-sxm", "llama-3.1-8b", 1, "fp16", { memoryUtilization: 0.95 }));
    expect(high.kvCapacityTokens).toBeGreaterThan(low.kvCapacityTokens);
  });
});

describe("placement on SRAM-only devices", () => {
  it("spreads INT8 Llama-2-70B over hundreds of Groq LPUs, as a deep pipeline of 8-chip stages", () => {
    const p = place(input("groq-lpu", "llama-2-70b", 8, "int8"));
    expect(p.sramOnly).toBe(true);
    // 69 GB of weights ÷ 230 MB per chip is at least 300 chips (reference: ≥ 305 for weights alone).
    expect(p.devicesPerReplica).toBeGreaterThanOrEqual(300);
    expect(p.devicesPerReplica).toBeLessThan(1000);
    expect(p.pipelineParallel).toBe(p.devicesPerReplica / 8);
    expect(p.kvCapacityTokens).toBeGreaterThanOrEqual(4096);
  });

  it("takes the calibrated 8-chip stage (a GroqNode) when tensorParallel is left at 1", () => {
    const byDefault = place(input("groq-lpu", "llama-2-70b", 1, "int8"));
    const explicit = place(input("groq-lpu", "llama-2-70b", 8, "int8"));
    expect(byDefault.tensorParallel).toBe(8);
    expect(byDefault.devicesPerReplica).toBe(explicit.devicesPerReplica);
    const twoChipStages = place(input("groq-lpu", "llama-2-70b", 2, "int8"));
    expect(twoChipStages.tensorParallel).toBe(2);
  });

  it("needs more chips when the KV cache competes for SRAM", () => {
    const short = place(input("groq-lpu", "llama-2-70b", 8, "int8", { maxContextTokens: 512 }));
    const long = place(input("groq-lpu", "llama-2-70b", 8, "int8"));
    expect(long.devicesPerReplica).toBeGreaterThan(short.devicesPerReplica);
  });

  it("treats pipelineParallel as a minimum stage count", () => {
    const p = place({ ...input("groq-lpu", "llama-2-70b", 8, "int8"), pipelineParallel: 100 });
    expect(p.pipelineParallel).toBe(100);
    expect(p.devicesPerReplica).toBe(800);
  });

  it("puts 16-bit Llama-3.1-70B on 4 wafers and Llama-3.1-405B on at least 19", () => {
    const seventy = place(input("cerebras-wse3", "llama-3.1-70b", 1, "fp16", { maxContextTokens: 8192 }));
    expect(seventy.devicesPerReplica).toBe(4);
    const big = place(input("cerebras-wse3", "llama-3.1-405b", 1, "fp16", { maxContextTokens: 8192 }));
    expect(big.devicesPerReplica).toBeGreaterThanOrEqual(19);
    expect(big.weightBytesPerDevice).toBeLessThanOrEqual(0.9 * 44 * GB);
  });
});
