/**
 * What the steps of a decode run add up to, taken in one pass over the step ring (`StepRing.sum`), so that the
 * parts of a replica that integrate over time (KV memory, the energy meter) charge a run in O(1) instead of
 * walking its steps again each. Step k of the run (k = 0 for its first) lasts `gapsS[k]`: its end less the
 * previous step's end, as the clock subtracts them. What it holds is valid until the next run.
 */
export class RunSums {
  /** Each step's gap, seconds (the first `count` entries). */
  gapsS = new Float64Array(64);
  /** Steps in the run. */
  count = 0;
  /** The largest gap. */
  maxGapS = 0;
  /** Σ gap: the time from the run's first start to its last end. */
  spanS = 0;
  /** Σ the steps' durations as priced (`spanS` up to the clock's rounding). */
  durationS = 0;
  /** KV blocks the run's steps take as they start, in all. */
  blocks = 0;
  /** Σ gap × blocks taken by steps 0..k: the block-seconds of the blocks the run takes, over the run. */
  newBlockS = 0;
  /** Σ gap × k: with B tokens added at each step's end, B × this is the token-seconds they add over the run. */
  stepIndexS = 0;
  /** Σ gap × compute-bound share. */
  computeBoundS = 0;
  /** Σ gap × memory-bound share (NaN when a step's cost gave none). */
  memoryBoundS = 0;
  /** The smallest compute-bound or memory-bound share of any step (the port promises ≥ 0). */
  lowestShare = 0;
  /** The largest compute-bound plus memory-bound share of any step (the port promises ≤ 1). */
  highestShareSum = 0;

  /** Room for `n` gaps. */
  reserve(n: number): Float64Array {
    if (this.gapsS.length < n) this.gapsS = new Float64Array(Math.max(n, 2 * this.gapsS.length));
    return this.gapsS;
  }
}
