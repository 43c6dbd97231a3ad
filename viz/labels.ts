import { textWidth } from "./svg.ts";

/** An axis-aligned rectangle in pixels. */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface PlacedLabel {
  readonly x: number;
  readonly y: number;
  readonly anchor: "start" | "end" | "middle";
}

const overlaps = (a: Rect, b: Rect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Greedy label placement: for each anchor point in order, the first of eight positions around it whose box
 * stays inside `bounds` and clear of `obstacles` and earlier labels; else the first position (right).
 * Deterministic; good enough for the dozen points of a capacity plan.
 */
export function placeLabels(
  anchors: readonly { readonly x: number; readonly y: number; readonly label: string }[],
  obstacles: readonly Rect[],
  bounds: Rect,
  fontPx: number,
  gapPx = 7,
): PlacedLabel[] {
  const taken: Rect[] = [...obstacles];
  return anchors.map((a) => {
    const w = textWidth(a.label, fontPx);
    const h = fontPx;
    const candidates: { rect: Rect; placed: PlacedLabel }[] = [
      { dx: gapPx, dy: 0, anchor: "start" as const },
      { dx: -gapPx, dy: 0, anchor: "end" as const },
      { dx: 0, dy: -gapPx - h / 2, anchor: "middle" as const },
      { dx: 0, dy: gapPx + h / 2, anchor: "middle" as const },
      { dx: gapPx, dy: -gapPx - h / 2, anchor: "start" as const },
      { dx: gapPx, dy: gapPx + h / 2, anchor: "start" as const },
      { dx: -gapPx, dy: -gapPx - h / 2, anchor: "end" as const },
      { dx: -gapPx, dy: gapPx + h / 2, anchor: "end" as const },
    ].map(({ dx, dy, anchor }) => {
      const cx = a.x + dx;
      const cy = a.y + dy;
      const x0 = anchor === "start" ? cx : anchor === "end" ? cx - w : cx - w / 2;
      return {
        rect: { x0, y0: cy - h / 2, x1: x0 + w, y1: cy + h / 2 },
        placed: { x: cx, y: cy + h * 0.35, anchor },
      };
    });
    const inside = (r: Rect): boolean => r.x0 >= bounds.x0 && r.x1 <= bounds.x1 && r.y0 >= bounds.y0 && r.y1 <= bounds.y1;
    const best =
      candidates.find((c) => inside(c.rect) && !taken.some((t) => overlaps(t, c.rect))) ??
      candidates.find((c) => inside(c.rect)) ??
      candidates[0]!;
    taken.push(best.rect);
    return best.placed;
  });
}
