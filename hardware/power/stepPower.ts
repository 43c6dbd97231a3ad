import type { StepCost } from "../../sim/ports.ts";
import type { PowerLevels } from "./levels.ts";

/** Mean draw of one device over a step, watts (levels.ts explains the states). O(1) whatever the batch. */
export function stepDeviceW(levels: PowerLevels, cost: StepCost): number {
  const c = cost.computeBoundFraction;
  const m = cost.memoryBoundFraction;
  if (m === undefined) return levels.memoryBoundW + (levels.computeBoundW - levels.memoryBoundW) * c;
  return c * levels.computeBoundW + m * levels.memoryStreamW + Math.max(0, 1 - c - m) * levels.stallW;
}
