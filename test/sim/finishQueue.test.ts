import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FinishQueue } from "../../sim/finishQueue.ts";

describe("finish queue", () => {
  it("gives members by finishing step, and those of one step in member order", () => {
    const q = new FinishQueue();
    for (const [step, member] of [[9, 4], [7, 3], [9, 1], [7, 5], [12, 0]] as const) q.push(step, member);
    expect(q.nextStep).toBe(7);
    const out: number[] = [];
    while (q.size > 0) out.push(q.pop());
    expect(out).toEqual([3, 5, 1, 4, 0]);
    expect(q.nextStep).toBe(Number.POSITIVE_INFINITY);
  });

  it("pops what a sort by (step, member) gives, with pushes and pops interleaved", () => {
    const op = fc.oneof(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1000 })), fc.constant(null));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200, size: "max" }), (ops) => {
        const q = new FinishQueue();
        const kept: [number, number][] = [];
        for (const o of ops) {
          if (o !== null) {
            q.push(o[0], o[1]);
            kept.push(o);
            continue;
          }
          if (kept.length === 0) continue;
          kept.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const [step, member] = kept.shift()!;
          expect(q.nextStep).toBe(step);
          expect(q.pop()).toBe(member);
        }
        expect(q.size).toBe(kept.length);
      }),
    );
  });

  it("is empty again once cleared", () => {
    const q = new FinishQueue();
    q.push(3, 1);
    q.clear();
    expect([q.size, q.nextStep]).toEqual([0, Number.POSITIVE_INFINITY]);
    expect(() => q.pop()).toThrow(/empty/);
  });
});
