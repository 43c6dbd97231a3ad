import { hostJOver } from "./host.ts";
import type { PoolPower } from "./meter.ts";
import { deviceJOver } from "./stepPower.ts";

/**
 * A replica's energy over steps that draw between idle and board power, as linear functions of the steps'
 * span (s), compute-bound seconds and memory-bound seconds (RunSums): all its devices and their host share
 * (`joules`), and the devices alone.
 */
export interface RunPower {
  readonly joulesPerS: number;
  readonly joulesPerComputeS: number;
  readonly joulesPerMemoryS: number;
  readonly deviceJPerS: number;
  readonly deviceJPerComputeS: number;
  readonly deviceJPerMemoryS: number;
}

/** The coefficients of `pool`'s RunPower: `deviceJOver` and `hostJOver` at each unit input (both are linear). */
export function runPowerOf(pool: PoolPower): RunPower {
  const devices = pool.devicesPerReplica;
  const deviceJ = (spanS: number, computeS: number, memoryS: number): number => devices * deviceJOver(pool.levels, spanS, computeS, memoryS);
  const joules = (spanS: number, computeS: number, memoryS: number): number => {
    const oneDeviceJ = deviceJOver(pool.levels, spanS, computeS, memoryS);
    return devices * oneDeviceJ + devices * hostJOver(pool.hostMaxWPerDevice, pool.levels, oneDeviceJ, spanS);
  };
  return {
    joulesPerS: joules(1, 0, 0),
    joulesPerComputeS: joules(0, 1, 0),
    joulesPerMemoryS: joules(0, 0, 1),
    deviceJPerS: deviceJ(1, 0, 0),
    deviceJPerComputeS: deviceJ(0, 1, 0),
    deviceJPerMemoryS: deviceJ(0, 0, 1),
  };
}
