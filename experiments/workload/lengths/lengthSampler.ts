/** Draws token lengths: each call returns the next, a whole number ≥ 1. */
export type LengthSampler = () => number;
