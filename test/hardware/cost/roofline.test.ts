import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveProfile } from "../../../hardware/cost/profiles.ts";
import { createRooflineCost, createStepBreakdown } from "../../../hardware/cost/roofline.ts";
import { DEVICES } from "../../../hardware/devices/catalog.ts";
import type { StepShape } from "../../../sim/ports.ts";
import { placed } from "../placed.ts";

/** A roofline with nothing but peaks: every efficiency 1, no overheads, max(compute, memory). */
const IDEAL = resolveProfile("optimized", {
  computeEfficiency: 1,
  memoryEfficiency: 1,
  attentionComputeEfficiency: 1,
  rooflineSharpness: Infinity,
  kernelOverheadS: 0,
  layerOverheadS: 0,
  linkEfficiency: 1,
  collectiveLatencyS: 0,
  hostLayerS: 0,
  hostPrefillLayerS: 0,
  stepOverheadS: 0,
  seqOverheadS: 0,
});

const EMPTY: StepShape = {
  prefillSeqs: 0,
  prefillTokens: 0,
  prefillAttentionPairs: 0,
  prefillContextTokens: 0,
  decodeSeqs: 0,
  decodeContextTokens: 0,
};

function decode(seqs: number, contextPerSeq: number): StepShape {
  return { ...EMPTY, decodeSeqs: seqs, decodeContextTokens: seqs * contextPerSeq };
}

function prefill(promptTokens: number): StepShape {
  return {
    ...EMPTY,
    prefillSeqs: 1,
    prefillTokens: promptTokens,
    prefillAttentionPairs: (promptTokens * (promptTokens + 1)) / 2,
  };
}

// Llama-2-7B by hand: 32 layers of 4·4096² (attention) + 3·4096·11008 (SwiGLU) = 202,375,168 parameters,
// an untied 32,000 × 4,096 LM head, and 2 × 32 heads × 128 × 2 B = 16 KiB of KV per token per layer.
const LAYER_PARAMS = 4 * 4096 ** 2 + 3 * 4096 * 11008;
const LM_HEAD_PARAMS = 32000 * 4096;
const KV_BYTES_PER_TOKEN_LAYER = 2 * 32 * 128 * 2;
const H100_PEAK = 989.4e12;
const H100_BANDWIDTH = 3.35e12;

describe("the roofline on hand-computed cases (H100, Llama-2-7B FP16, ideal efficiencies)", () => {
  const cost = createStepBreakdown(placed("h100-sxm", "llama-2-7b", 1), IDEAL);

  it("prices a one-sequence decode as memory-bound: weights plus KV over HBM bandwidth", () => {
    const b = cost(decode(1, 1000));
    const weightsS = ((32 * LAYER_PARAMS + LM_HEAD_PARAMS) * 2) / H100_BANDWIDTH;
    const kvS = (32 * 1001 * KV_BYTES_PER_TOKEN_LAYER) / H100_BANDWIDTH;
    // Activation traffic of one token adds well under 0.1 %.
    expect(b.durationS).toBeGreaterThan(weightsS + kvS);
    expect(b.durationS / (weightsS + kvS)).toBeLessThan(1.001);
    expect(b.computeBoundS).toBe(0);
  });

  it("prices a 4,096-token prefill as compute-bound: linear FLOPs over peak plus causal attention", () => {
    const b = cost(prefill(4096));
    const linearS = (2 * 4096 * 32 * LAYER_PARAMS) / H100_PEAK;
    const attentionS = (32 * ((4096 * 4097) / 2) * 32 * 4 * 128) / H100_PEAK;
    expect(b.linearS).toBeCloseTo(linearS, 9);
    expect(b.attentionS).toBeGreaterThanOrEqual(attentionS);
    expect(b.attentionS / attentionS).toBeLessThan(1.01);
    expect(b.computeBoundS / b.durationS).toBeGreaterThan(0.8);
  });

  it("switches the linear layers from memory- to compute-bound near the ridge point (≈ 295 tokens)", () => {
    const ridgeTokens = H100_PEAK / H100_BANDWIDTH; // 2 FLOP per parameter per token over 2 bytes per parameter
    expect(ridgeTokens).toBeCloseTo(295, 0);
    expect(cost(decode(200, 100)).linearS).toBeCloseTo((32 * LAYER_PARAMS * 2 + 32 * 200 * 65792 * 2) / H100_BANDWIDTH, 9);
    expect(cost(decode(400, 100)).linearS).toBeCloseTo((2 * 400 * 32 * LAYER_PARAMS) / H100_PEAK, 9);
  });

  it("prices a step in place exactly as it prices it into a new object", () => {
    const cost = createRooflineCost(placed("h100-sxm", "llama-2-7b", 1), resolveProfile("vllm-2023"));
    const into = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 256 }), fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 0, max: 8192 }), (seqs, context, prompt) => {
        const shape = { ...decode(seqs, context), ...(prompt > 0 ? { prefillSeqs: 1, prefillTokens: prompt, prefillAttentionPairs: (prompt * (prompt + 1)) / 2 } : {}) };
        cost.priceInto!(shape, into);
        const made = cost.stepCost(shape);
        expect(into.durationS).toBe(made.durationS);
        expect(into.computeBoundFraction).toBe(made.computeBoundFraction);
        expect(Number.isNaN(into.memoryBoundFraction) ? undefined : into.memoryBoundFraction).toBe(made.memoryBoundFraction);
      }),
    );
  });

  it("prices a decode-only step bit for bit as the whole breakdown does, whatever steps came before it", () => {
    const placements = [
      placed("h100-sxm", "llama-2-7b", 1),
      placed("a100-80gb-sxm", "llama-2-70b", 8),
      placed("h100-sxm", "mixtral-8x7b", 2),
      placed("h100-sxm", "llama-2-13b", 1, "fp16", { pipelineParallel: 2 }),
      placed("cerebras-wse3", "llama-3.1-70b", 1, "fp16", { maxContextTokens: 8192 }),
    ];
    const profiles = [resolveProfile("vllm-2023"), resolveProfile("optimized"), IDEAL];
    const step = fc.record({
      // Up to 4,096 sequences: counts 512 apart share a kept row.
      seqs: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 257, max: 4096 })),
      context: fc.integer({ min: 1, max: 8192 }),
      prompt: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4096 })),
      // Sequences counted as prefilling with no prefill tokens: the kept sums depend on sequences too.
      idleSeqs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 })),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: placements.length - 1 }), fc.integer({ min: 0, max: profiles.length - 1 }), fc.array(step, { minLength: 1, maxLength: 12 }), (pi, fi, steps) => {
        // The cost model keeps partial sums from step to step; the reference breakdown has its own.
        const cost = createRooflineCost(placements[pi]!, profiles[fi]!);
        const reference = createStepBreakdown(placements[pi]!, profiles[fi]!);
        const into = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };
        const check = (shape: StepShape): void => {
          cost.priceInto!(shape, into);
          const b = reference(shape);
          const computeBoundFraction = Math.min(1, b.computeBoundS / b.durationS);
          expect(into.durationS).toBe(b.durationS);
          expect(into.computeBoundFraction).toBe(computeBoundFraction);
          expect(into.memoryBoundFraction).toBe(Math.min(1 - computeBoundFraction, b.memoryBoundS / b.durationS));
        };
        for (const { seqs, context, prompt, idleSeqs } of steps) {
          if (prompt === 0) {
            check({ ...decode(seqs, context), prefillSeqs: idleSeqs });
            continue;
          }
          const mixed = { ...decode(seqs, context), ...prefill(prompt), decodeSeqs: seqs, decodeContextTokens: seqs * context };
          check(mixed);
          // A decode step with as many tokens as that mixed step, but fewer sequences sampled.
          check(decode(prompt + seqs, context));
          // The mixed step again, after a decode step that computed other counts' linear groups.
          check(mixed);
        }
      }),
    );
  });

  it("keeps apart the decode sums of counts that share a row, whichever count comes first", () => {
    const placement = placed("h100-sxm", "llama-2-7b", 1);
    const profile = resolveProfile("vllm-2023");
    const shapes = [
      // 1 decoding and 512 prefilling (513 sampled), then 513 decoding (513 sampled): one row, one sampled count.
      { ...decode(1, 1000), prefillSeqs: 512 },
      decode(513, 1000),
      { ...decode(1, 1000), prefillSeqs: 512 },
      // 5 decoding, with and without one prefilling sequence sampled: one row, one sequence count.
      decode(5, 1000),
      { ...decode(5, 1000), prefillSeqs: 1 },
      decode(5, 1000),
    ];
    const cost = createRooflineCost(placement, profile);
    const reference = createStepBreakdown(placement, profile);
    for (const shape of shapes) {
      const priced = cost.stepCost(shape);
      const b = reference(shape);
      const computeBoundFraction = Math.min(1, b.computeBoundS / b.durationS);
      expect(priced.durationS).toBe(b.durationS);
      expect(priced.computeBoundFraction).toBe(computeBoundFraction);
      expect(priced.memoryBoundFraction).toBe(Math.min(1 - computeBoundFraction, b.memoryBoundS / b.durationS));
    }
  });

  it("costs nothing for an empty step", () => {
    expect(createRooflineCost(placed("h100-sxm", "llama-2-7b", 1), IDEAL).stepCost(EMPTY)).toEqual({
      durationS: 0,
      computeBoundFraction: 0,
    });
  });
});

describe("physical sanity", () => {
  it("never decodes an FP16 70B model on one MI300X faster than its weights stream from HBM", () => {
    const placement = placed("mi300x", "llama-2-70b", 1);
    const floorS = placement.weightBytesTotal / DEVICES.mi300x!.memoryBandwidthBytesPerS;
    expect(floorS * 1000).toBeCloseTo(26.0, 0); // reference §1.5: ≈ 26.6 ms for the 141 GB Llama-3-70B
    for (const profile of ["vllm-2023", "optimized"]) {
      const cost = createRooflineCost(placement, resolveProfile(profile));
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 4096 }), (seqs, context) => {
          expect(cost.stepCost(decode(seqs, context)).durationS).toBeGreaterThanOrEqual(floorS);
        }),
      );
    }
  });

  it("makes a 70B decode faster on TP2 than on TP1, but not twice as fast (all-reduces, fixed costs)", () => {
    const optimized = resolveProfile("optimized");
    const tp1 = createRooflineCost(placed("mi300x", "llama-2-70b", 1), optimized).stepCost(decode(8, 1000)).durationS;
    const tp2 = createRooflineCost(placed("mi300x", "llama-2-70b", 2), optimized).stepCost(decode(8, 1000)).durationS;
    expect(tp2).toBeLessThan(tp1);
    expect(tp2).toBeGreaterThan(tp1 / 2);
  });

  it("reproduces the eager 2023 engine's host-bound decode: TP8 is no faster than TP4 (Splitwise, A100)", () => {
    const vllm = resolveProfile("vllm-2023");
    const tp4 = createRooflineCost(placed("a100-80gb-sxm", "llama-2-70b", 4), vllm).stepCost(decode(1, 600)).durationS;
    const tp8 = createRooflineCost(placed("a100-80gb-sxm", "llama-2-70b", 8), vllm).stepCost(decode(1, 600)).durationS;
    expect(Math.abs(tp8 / tp4 - 1)).toBeLessThan(0.02);
  });

  it("gains memory but no speed from pipeline stages (one microbatch visits them in turn)", () => {
    const optimized = resolveProfile("optimized");
    const pp1 = createRooflineCost(placed("h100-sxm", "llama-2-13b", 1), optimized).stepCost(decode(4, 500)).durationS;
    const pp2 = createRooflineCost(placed("h100-sxm", "llama-2-13b", 1, "fp16", { pipelineParallel: 2 }), optimized);
    expect(pp2.stepCost(decode(4, 500)).durationS).toBeGreaterThanOrEqual(pp1);
  });

  it("reads only the experts a MoE step touches: one token reads 2 of Mixtral's 8, a large batch all", () => {
    const b = createStepBreakdown(placed("h100-sxm", "mixtral-8x7b", 2), IDEAL);
    const one = b(decode(1, 100)).linearS;
    const many = b(decode(256, 100)).linearS;
    // Per layer and device: attention + router always, then 2 of 8 experts vs all 8.
    expect(many / one).toBeGreaterThan(3);
    expect(many / one).toBeLessThan(4);
  });

  it("adds the dataflow pass latency once per pipeline stage on the wafer", () => {
    const placement = placed("cerebras-wse3", "llama-3.1-70b", 1, "fp16", { maxContextTokens: 8192 });
    const b = createStepBreakdown(placement, resolveProfile("vllm-2023"))(decode(1, 100));
    expect(b.dataflowS).toBeCloseTo(4 * DEVICES["cerebras-wse3"]!.dataflow!.passLatencyS, 12);
  });
});

describe("properties of every step", () => {
  const shapes = fc.record({
    prefillSeqs: fc.integer({ min: 0, max: 8 }),
    prefillChunk: fc.integer({ min: 1, max: 2048 }),
    decodeSeqs: fc.integer({ min: 0, max: 256 }),
    context: fc.integer({ min: 1, max: 8192 }),
  });
  const toShape = (s: { prefillSeqs: number; prefillChunk: number; decodeSeqs: number; context: number }): StepShape => ({
    prefillSeqs: s.prefillSeqs,
    prefillTokens: s.prefillSeqs * s.prefillChunk,
    prefillAttentionPairs: (s.prefillSeqs * s.prefillChunk * (s.prefillChunk + 1)) / 2,
    prefillContextTokens: 0,
    decodeSeqs: s.decodeSeqs,
    decodeContextTokens: s.decodeSeqs * s.context,
  });

  for (const profile of ["vllm-2023", "optimized"]) {
    it(`take longer with one more decoding sequence, and report a compute share in [0, 1] (${profile})`, () => {
      const cost = createRooflineCost(placed("h100-sxm", "llama-3.1-70b", 4), resolveProfile(profile));
      fc.assert(
        fc.property(shapes, (s) => {
          const shape = toShape(s);
          const more = { ...shape, decodeSeqs: shape.decodeSeqs + 1, decodeContextTokens: shape.decodeContextTokens + s.context };
          const base = cost.stepCost(shape);
          expect(cost.stepCost(more).durationS).toBeGreaterThanOrEqual(base.durationS);
          expect(base.computeBoundFraction).toBeGreaterThanOrEqual(0);
          expect(base.computeBoundFraction).toBeLessThanOrEqual(1);
        }),
      );
    });
  }
});
