import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StepGapMax } from "../../sim/stepGapMax.ts";

describe("step gap maximum", () => {
  it("answers the largest gap of the steps after any step, as a scan does, also after dropping early steps", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 0, max: 80 }),
        (gaps, dropped) => {
          const max = new StepGapMax();
          gaps.forEach((g, k) => {
            max.push(k + 1, g);
          });
          max.dropThrough(dropped);
          for (let s = dropped; s <= gaps.length + 1; s++) {
            const later = gaps.slice(s);
            expect(max.after(s)).toBe(later.length === 0 ? 0 : Math.max(...later));
          }
        },
      ),
    );
  });

  it("keeps its answers when dropping many steps moves its entries down", () => {
    const max = new StepGapMax();
    // Falling gaps: every step stays on the stack, so dropping 2,000 of them shifts the rest.
    for (let step = 1; step <= 3000; step++) max.push(step, 3000 - step);
    max.dropThrough(2000);
    expect(max.after(2000)).toBe(999);
    expect(max.after(2500)).toBe(499);
    max.push(3001, 700);
    expect(max.after(2100)).toBe(899);
    expect(max.after(2400)).toBe(700);
  });

  it("forgets every step when cleared", () => {
    const max = new StepGapMax();
    max.push(1, 5);
    max.clear();
    max.push(2, 1);
    expect(max.after(0)).toBe(1);
  });
});
