import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dominates, paretoFront } from "../../viz/index.ts";
import type { XY } from "../../viz/index.ts";

const id = (p: XY): XY => p;

describe("paretoFront (both coordinates minimised)", () => {
  it("keeps only the non-dominated points, sorted by x", () => {
    const pts = [
      { x: 3, y: 1 },
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 2, y: 3 },
      { x: 4, y: 4 },
    ];
    expect(paretoFront(pts, id)).toEqual([
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 3, y: 1 },
    ]);
  });

  it("drops a point with equal x and larger y, and one with equal y and larger x", () => {
    expect(paretoFront([{ x: 1, y: 2 }, { x: 1, y: 1 }, { x: 2, y: 1 }], id)).toEqual([{ x: 1, y: 1 }]);
  });

  it("keeps duplicate points, as neither dominates the other", () => {
    const a = { x: 1, y: 1 };
    const b = { x: 1, y: 1 };
    const front = paretoFront([a, b, { x: 2, y: 2 }], id);
    expect(front).toHaveLength(2);
    expect(front[0]).toBe(a);
    expect(front[1]).toBe(b);
  });

  it("leaves out points with non-finite coordinates and handles empty input", () => {
    expect(paretoFront([{ x: Number.NaN, y: 0 }, { x: 1, y: Infinity }, { x: 5, y: 5 }], id)).toEqual([{ x: 5, y: 5 }]);
    expect(paretoFront([], id)).toEqual([]);
  });

  it("returns the front of any set: no member is dominated, every other point is", () => {
    const point = fc.record({ x: fc.integer({ min: 0, max: 20 }), y: fc.integer({ min: 0, max: 20 }) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40 }), (pts) => {
        const front = paretoFront(pts, id);
        const inFront = new Set(front);
        for (const f of front) expect(pts.some((p) => dominates(p, f))).toBe(false);
        for (const p of pts) if (!inFront.has(p)) expect(front.some((f) => dominates(f, p) || (f.x === p.x && f.y === p.y))).toBe(true);
        for (let i = 1; i < front.length; i++) expect(front[i]!.x).toBeGreaterThanOrEqual(front[i - 1]!.x);
      }),
    );
  });
});
