import type { DevicePowerSpec } from "../devices/types.ts";

/**
 * Power states of one device, in watts, as the power model uses them. A device draws `idleW` when no step
 * runs. During a step whose cost model tells the three apart, it draws `computeBoundW` while compute-bound,
 * `memoryStreamW` while moving data (HBM or SRAM streaming, link transfers, dataflow passes) and `stallW`
 * for the rest of the step (kernel and collective latencies, host-bound waits). A cost model that reports
 * only a compute-bound share gets the device's two-level figures: `memoryBoundW` + (`computeBoundW` −
 * `memoryBoundW`) × that share (DESIGN §4).
 */
export interface PowerLevels {
  readonly idleW: number;
  readonly stallW: number;
  readonly memoryStreamW: number;
  /** A memory-bound (decode) step as a whole: the device's catalog figure. */
  readonly memoryBoundW: number;
  readonly computeBoundW: number;
  /** The device's board power (TDP), the top of its range; host load is measured against it. */
  readonly maxW: number;
}

/**
 * Where memory streaming sits between a device's decode-step figure and its compute-bound draw:
 * memoryStreamW = memoryBoundW + share × (computeBoundW − memoryBoundW). A catalog's decode figure
 * (Splitwise-sim's "token power", e.g. A100 250 W) averages a decode step that mixes streaming and stalls;
 * this resolves the streaming part. Fitted to Splitwise's DGX-A100 power fractions (hardware/power/CALIBRATION.md).
 */
export const MEMORY_STREAM_SHARE = 0.58;

/**
 * Stall draw as a share of the idle-to-TDP range: stallW = idleW + share × (maxW − idleW). A device waiting
 * between kernels with its clocks up draws little more than idle. Fitted to Splitwise's DGX-A100 power
 * fractions (hardware/power/CALIBRATION.md).
 */
export const STALL_SHARE = 0.1;

/** Options of `powerLevels`; the shares default to the calibrated constants above. */
export interface PowerLevelOptions {
  /** Board power cap, watts: every level is at most this (powerCap.ts stretches compute-bound time). */
  readonly capW?: number;
  readonly memoryStreamShare?: number;
  readonly stallShare?: number;
}

/** The power states of a device. */
export function powerLevels(power: DevicePowerSpec, options: PowerLevelOptions = {}): PowerLevels {
  const capW = options.capW ?? Number.POSITIVE_INFINITY;
  const streamShare = options.memoryStreamShare ?? MEMORY_STREAM_SHARE;
  const stallShare = options.stallShare ?? STALL_SHARE;
  const cap = (w: number): number => Math.min(w, capW);
  return {
    idleW: cap(power.idleW),
    stallW: cap(power.idleW + stallShare * (power.maxW - power.idleW)),
    memoryStreamW: cap(power.memoryBoundW + streamShare * (power.computeBoundW - power.memoryBoundW)),
    memoryBoundW: cap(power.memoryBoundW),
    computeBoundW: cap(power.computeBoundW),
    maxW: power.maxW,
  };
}
