import type { StepCost } from "../../sim/ports.ts";
import type { PowerLevels } from "./levels.ts";

/** Mean draw of one device over a step, watts (levels.ts explains the states). O(1) whatever the batch. */
export function stepDeviceW(levels: PowerLevels, cost: StepCost): number {
  const c = cost.computeBoundFraction;
  const m = cost.memoryBoundFraction;
  if (m === undefined) return levels.memoryBoundW + (levels.computeBoundW - levels.memoryBoundW) * c;
  return c * levels.computeBoundW + m * levels.memoryStreamW + Math.max(0, 1 - c - m) * levels.stallW;
}

/**
 * ∫ a device's draw dt over steps whose compute-bound and memory-bound shares, each weighted by its step's
 * time, add up to `computeBoundS` and `memoryBoundS` over `spanS` seconds: what summing `stepDeviceW` × time
 * step by step gives (up to rounding) while every step's shares keep to the port's range (each ≥ 0, their
 * sum ≤ 1), where the draw is linear in them. Joules.
 */
export function deviceJOver(levels: PowerLevels, spanS: number, computeBoundS: number, memoryBoundS: number): number {
  return (
    levels.stallW * spanS + (levels.computeBoundW - levels.stallW) * computeBoundS + (levels.memoryStreamW - levels.stallW) * memoryBoundS
  );
}

/** True when every step draws between idle and board power (the levels a step mixes lie there). */
export function stepDrawsWithinRange(levels: PowerLevels): boolean {
  const within = (w: number): boolean => w >= levels.idleW && w <= levels.maxW;
  return within(levels.stallW) && within(levels.memoryStreamW) && within(levels.computeBoundW) && within(levels.memoryBoundW);
}
