import type { DevicePowerSpec } from "./types.ts";

/**
 * Power states of devices whose vendors publish only a TDP, scaled from Splitwise-sim's measured constant
 * power model (`sws/configs/power_model/constant.yaml`): A100 idle 63 W / decode 250 W / prefill 400 W of a
 * 400 W TDP, H100 75 / 380 / 700 W of 700 W. Idle ≈ 0.11–0.16 × TDP, memory-bound ≈ 0.54–0.63 × TDP, and
 * prefill runs at ≈ TDP (Splitwise ISCA'24). The means are used.
 */
export const IDLE_SHARE_OF_TDP = 0.13;
export const MEMORY_BOUND_SHARE_OF_TDP = 0.58;

export const SCALED_POWER_SOURCE =
  "L: TDP from the datasheet; idle 0.13 × TDP and memory-bound 0.58 × TDP scaled from Splitwise-sim's A100/H100 constant power model (sws/configs/power_model/constant.yaml); compute-bound = TDP (Splitwise ISCA'24: prefill runs at ≈ TDP)";

/** Idle, memory-bound and compute-bound power of a device known only by its TDP. */
export function scaledPower(maxW: number): DevicePowerSpec {
  return {
    idleW: Math.round(IDLE_SHARE_OF_TDP * maxW),
    memoryBoundW: Math.round(MEMORY_BOUND_SHARE_OF_TDP * maxW),
    computeBoundW: maxW,
    maxW,
  };
}
