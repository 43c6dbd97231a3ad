import type { StepCost, StepCostModel } from "../../sim/ports.ts";
import type { DevicePowerSpec } from "../devices/types.ts";

/**
 * How much longer compute-bound work takes under a board power cap: the clock falls until the draw above
 * idle fits, and compute-bound time grows in proportion, (computeBoundW − idleW) / (capW − idleW). Memory-
 * bound work is paced by memory bandwidth, not the clock, so it is not stretched; it draws at most the cap.
 * Checked against Splitwise-sim's power-capped DGX-H100 profile (hardware/power/CALIBRATION.md).
 */
export function computeStretch(power: DevicePowerSpec, capW: number): number {
  if (capW >= power.computeBoundW) return 1;
  return (power.computeBoundW - power.idleW) / (capW - power.idleW);
}

/** Why a cap is unusable on this device, or null. */
export function powerCapProblem(power: DevicePowerSpec, capW: number): string | null {
  if (!(capW > power.idleW) || !Number.isFinite(capW)) {
    return `a power cap must be above the device's idle draw (${power.idleW} W), got ${capW} W`;
  }
  return null;
}

/** The same step cost model with a power cap: compute-bound shares stretched (see computeStretch). */
export function withPowerCap(model: StepCostModel, power: DevicePowerSpec, capW: number): StepCostModel {
  const problem = powerCapProblem(power, capW);
  if (problem !== null) throw new Error(problem);
  const stretch = computeStretch(power, capW);
  if (stretch === 1) return model;
  return {
    ...(model.stochastic === true ? { stochastic: true } : {}),
    stepCost(shape): StepCost {
      const cost = model.stepCost(shape);
      const c = cost.computeBoundFraction;
      const scale = 1 - c + c * stretch;
      const capped: StepCost = { durationS: cost.durationS * scale, computeBoundFraction: (c * stretch) / scale };
      const m = cost.memoryBoundFraction;
      return m === undefined ? capped : { ...capped, memoryBoundFraction: m / scale };
    },
  };
}
