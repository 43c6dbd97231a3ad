import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveProfile } from "../../../hardware/cost/profiles.ts";
import { createRooflineCost, createStepBreakdown } from "../../../hardware/cost/roofline.ts";
import { emptyStepShape, type StepShape } from "../../../sim/ports.ts";
import { placed } from "../placed.ts";

const PLACEMENTS = [
  placed("h100-sxm", "llama-2-7b", 1),
  placed("a100-80gb-sxm", "llama-2-70b", 8),
  placed("h100-sxm", "mixtral-8x7b", 2),
  placed("h100-sxm", "llama-2-13b", 1, "fp16", { pipelineParallel: 2 }),
  placed("groq-lpu", "llama-3.1-8b", 88, "int8", { kvPrecision: "int8" }),
  placed("cerebras-wse3", "llama-3.1-70b", 1, "fp16", { maxContextTokens: 8192 }),
];
// Sharpness 2 (the calibrated blend), another finite p, and the pure roofline max.
const PROFILES = [resolveProfile("vllm-2023"), resolveProfile("optimized"), resolveProfile("optimized", { rooflineSharpness: Infinity }), resolveProfile("optimized", { rooflineSharpness: 3 })];

function decodeShape(seqs: number, contextTokens: number): StepShape {
  return { ...emptyStepShape(), decodeSeqs: seqs, decodeContextTokens: contextTokens };
}

describe("the roofline's decode pricer", () => {
  it("prices a stretch's steps bit for bit as the whole breakdown does, with other counts priced in between", () => {
    // A stretch: one sequence count, its context growing by that count each step; between stretches the model
    // prices other steps (another count, one sharing its kept row, a prefill, a decode step with idle
    // prefilling sequences), as a pool's other replicas do. Every price is checked against the breakdown.
    const stretch = fc.record({
      seqs: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 257, max: 2048 })),
      contextPerSeq: fc.integer({ min: 1, max: 8192 }),
      steps: fc.integer({ min: 1, max: 40 }),
      // Another count: none, any, or one 512 or 1,024 away (the same kept row).
      between: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 }), fc.constantFrom(512, 1024)),
      betweenIsOffset: fc.boolean(),
      idleSeqs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 })),
      prompt: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4096 })),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PLACEMENTS.length - 1 }), fc.integer({ min: 0, max: PROFILES.length - 1 }), fc.array(stretch, { minLength: 1, maxLength: 6 }), (pi, fi, stretches) => {
        const cost = createRooflineCost(PLACEMENTS[pi]!, PROFILES[fi]!);
        const reference = createStepBreakdown(PLACEMENTS[pi]!, PROFILES[fi]!);
        const into = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };
        const expectBreakdown = (shape: StepShape): void => {
          const b = reference(shape);
          const computeBoundFraction = Math.min(1, b.computeBoundS / b.durationS);
          expect(into.durationS).toBe(b.durationS);
          expect(into.computeBoundFraction).toBe(computeBoundFraction);
          expect(into.memoryBoundFraction).toBe(Math.min(1 - computeBoundFraction, b.memoryBoundS / b.durationS));
        };
        const priced = (shape: StepShape): void => {
          cost.priceInto!(shape, into);
          expectBreakdown(shape);
        };
        for (const { seqs, contextPerSeq, steps, between, betweenIsOffset, idleSeqs, prompt } of stretches) {
          const pricer = cost.decodePricer!(seqs);
          for (let j = 0; j < steps; j++) {
            const contextTokens = seqs * contextPerSeq + j * seqs;
            pricer.price(contextTokens, into);
            expectBreakdown(decodeShape(seqs, contextTokens));
          }
          const other = betweenIsOffset && between > 0 ? seqs + between : between;
          if (other > 0) priced(decodeShape(other, other * 100));
          if (idleSeqs > 0) priced({ ...decodeShape(seqs, seqs * contextPerSeq), prefillSeqs: idleSeqs });
          if (prompt > 0) {
            priced({ ...decodeShape(seqs, seqs * contextPerSeq), prefillSeqs: 1, prefillTokens: prompt, prefillAttentionPairs: (prompt * (prompt + 1)) / 2 });
          }
        }
      }),
    );
  });

  it("refuses a pricer for no sequences", () => {
    const cost = createRooflineCost(PLACEMENTS[0]!, PROFILES[0]!);
    expect(() => cost.decodePricer!(0)).toThrow(/0 sequences/);
  });

  it("gives a decode step's cost as the model's stepCost does", () => {
    const cost = createRooflineCost(PLACEMENTS[0]!, PROFILES[0]!);
    const into = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };
    cost.decodePricer!(32).price(32 * 700, into);
    const made = cost.stepCost(decodeShape(32, 32 * 700));
    expect(into).toEqual({ durationS: made.durationS, computeBoundFraction: made.computeBoundFraction, memoryBoundFraction: made.memoryBoundFraction });
    // A longer context costs more.
    const longer = { ...into };
    cost.decodePricer!(32).price(32 * 1400, longer);
    expect(longer.durationS).toBeGreaterThan(into.durationS);
  });
});
