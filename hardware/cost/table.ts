import type { StepCost, StepCostModel, StepShape } from "../../sim/ports.ts";
import type { StepTable } from "./stepTable.ts";

export { parseStepTable, type StepTable } from "./stepTable.ts";

/** Index i and weight w such that value ≈ axis[i] × (1 − w) + axis[i + 1] × w; w < 0 or > 1 extrapolates. */
interface Bracket {
  readonly i: number;
  readonly w: number;
}

function bracket(axis: readonly number[], value: number): Bracket {
  if (axis.length === 1) return { i: 0, w: 0 };
  let lo = 0;
  let hi = axis.length - 2;
  // The last segment whose left end is ≤ value (the first segment below the grid, the last above it).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (axis[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  const a = axis[lo]!;
  const b = axis[lo + 1]!;
  return { i: lo, w: (value - a) / (b - a) };
}

function interpolate(values: readonly number[], table: StepTable, p: Bracket, d: Bracket, c: Bracket): number {
  const nd = table.decodeSeqs.length;
  const nc = table.meanContextTokens.length;
  let sum = 0;
  for (let dp = 0; dp <= (table.prefillTokens.length > 1 ? 1 : 0); dp++) {
    for (let dd = 0; dd <= (nd > 1 ? 1 : 0); dd++) {
      for (let dc = 0; dc <= (nc > 1 ? 1 : 0); dc++) {
        const weight =
          (dp === 1 ? p.w : 1 - p.w) * (dd === 1 ? d.w : 1 - d.w) * (dc === 1 ? c.w : 1 - c.w);
        sum += weight * values[((p.i + dp) * nd + (d.i + dd)) * nc + (c.i + dc)]!;
      }
    }
  }
  return sum;
}

/**
 * A cost model that looks a step up in a measured table. The step's point is (prefillTokens, decodeSeqs,
 * decodeContextTokens / decodeSeqs); the time is the multilinear interpolation between the 8 grid points
 * around it (fewer when an axis has one value), and extrapolates linearly from the edge segment beyond the
 * grid. The result is never below the smallest time in the table. Prefill context (`prefillContextTokens`)
 * is not an axis. Without a compute_bound_fraction column the compute-bound share is the step's prefill
 * share of tokens (prefills are compute-bound, decodes memory-bound).
 */
export function createTableCost(table: StepTable): StepCostModel {
  const floorS = Math.min(...table.stepS);
  const fractions = table.computeBoundFraction;
  return {
    stepCost(shape: StepShape): StepCost {
      const meanContext = shape.decodeSeqs > 0 ? shape.decodeContextTokens / shape.decodeSeqs : 0;
      const p = bracket(table.prefillTokens, shape.prefillTokens);
      const d = bracket(table.decodeSeqs, shape.decodeSeqs);
      const c = bracket(table.meanContextTokens, meanContext);
      const durationS = Math.max(floorS, interpolate(table.stepS, table, p, d, c));
      const tokens = shape.prefillTokens + shape.decodeSeqs;
      const computeBoundFraction =
        fractions !== null
          ? Math.min(1, Math.max(0, interpolate(fractions, table, p, d, c)))
          : tokens > 0
            ? shape.prefillTokens / tokens
            : 0;
      return { durationS, computeBoundFraction };
    },
  };
}
