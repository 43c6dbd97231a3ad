import { describe, expect, it } from "vitest";
import { decodeRunOf, growingSteps } from "./decodeRuns.ts";

describe("a decode run", () => {
  it("starts each step when the one before ends, and reads its cost, blocks and shape from the ring", () => {
    const steps = growingSteps(5);
    const run = decodeRunOf(3, steps, 4, 1000, 510);
    expect(run.count).toBe(5);
    expect(run.startS(510)).toBe(3);
    for (let j = 510; j <= 514; j++) {
      const step = steps[j - 510]!;
      expect(run.endS(j)).toBe(run.startS(j) + step.cost.durationS);
      if (j > 510) expect(run.startS(j)).toBe(run.endS(j - 1));
      expect(run.blocks(j)).toBe(step.blocks);
      expect({ ...run.cost(j) }).toEqual(step.cost);
      expect(run.shape(j)).toMatchObject({ prefillSeqs: 0, prefillTokens: 0, decodeSeqs: 4, decodeContextTokens: 1000 + 4 * j });
    }
  });
});
