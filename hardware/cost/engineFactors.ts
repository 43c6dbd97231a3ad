import type { DeviceClass } from "../devices/types.ts";

/**
 * The factors that turn a device's peak figures into an engine's step time (see roofline.ts for where each
 * one enters). Efficiencies are shares in (0, 1]; times are seconds.
 */
export interface EngineFactors {
  /** Share of dense peak FLOP/s reached by the linear layers (GEMMs). */
  readonly computeEfficiency: number;
  /** Share of memory bandwidth reached when streaming weights and KV cache. */
  readonly memoryEfficiency: number;
  /** Share of 16-bit peak reached by prefill attention kernels (FlashAttention-style). */
  readonly attentionComputeEfficiency: number;
  /**
   * How compute and memory time of one operator group combine: the p of a p-norm. Infinity is the pure
   * roofline max(compute, memory) (perfect overlap); 1 would be their sum (no overlap). Real GEMM kernels
   * near the ridge point sit in between.
   */
  readonly rooflineSharpness: number;
  /** Fixed device time per GEMM or attention kernel (launch gap, tail, tile quantization). */
  readonly kernelOverheadS: number;
  /** Fixed device time per layer for the small kernels: norms, RoPE, activation, residual adds, KV writes. */
  readonly layerOverheadS: number;
  /** Share of the scale-up (or scale-out) link's one-way bandwidth reached by a ring all-reduce. */
  readonly linkEfficiency: number;
  /** Fixed time per all-reduce (collective launch and synchronisation), on top of the link's hop latency. */
  readonly collectiveLatencyS: number;
  /**
   * Host (CPU) time to issue one layer's kernels in a decode-only step. Kernels are issued asynchronously,
   * so a step takes max(device time, host time); 0 with CUDA graphs.
   */
  readonly hostLayerS: number;
  /** Host time to issue one layer's kernels in a step that has any prefill (eager mode). */
  readonly hostPrefillLayerS: number;
  /** Host time per step that never overlaps the device: scheduling, input preparation, sampling. */
  readonly stepOverheadS: number;
  /** Host time per sequence in the step (input preparation, sampling, output processing). */
  readonly seqOverheadS: number;
}

export const ENGINE_FACTOR_KEYS: readonly (keyof EngineFactors)[] = [
  "computeEfficiency",
  "memoryEfficiency",
  "attentionComputeEfficiency",
  "rooflineSharpness",
  "kernelOverheadS",
  "layerOverheadS",
  "linkEfficiency",
  "collectiveLatencyS",
  "hostLayerS",
  "hostPrefillLayerS",
  "stepOverheadS",
  "seqOverheadS",
];

/**
 * A serving engine's efficiency: factors for every device, refined per device class and then per device
 * name (the calibrated devices). A scenario may override any factor with `resolveProfile`.
 */
export interface EngineProfile extends EngineFactors {
  readonly name: string;
  readonly description: string;
  /** Where the factors come from. */
  readonly source: string;
  readonly classOverrides: Readonly<Partial<Record<DeviceClass, Partial<EngineFactors>>>>;
  /** Keyed by device name; applied after the class override. */
  readonly deviceOverrides: Readonly<Record<string, Partial<EngineFactors>>>;
}

/** Keys of an EngineProfile that are not factors. */
export const PROFILE_KEYS: readonly string[] = ["name", "description", "source", "classOverrides", "deviceOverrides"];

/** Throw unless `value` is a sensible value of factor `key`. */
export function checkFactor(key: keyof EngineFactors, value: number): void {
  const bad = (rule: string): never => {
    throw new Error(`engine factor ${key} must be ${rule}, got ${value}`);
  };
  if (Number.isNaN(value)) bad("a number");
  if (key.endsWith("Efficiency")) {
    if (!(value > 0 && value <= 1)) bad("in (0, 1]");
  } else if (key === "rooflineSharpness") {
    if (!(value >= 1)) bad("≥ 1 (Infinity for the pure roofline max)");
  } else if (!(value >= 0 && Number.isFinite(value))) {
    bad("a non-negative number of seconds");
  }
}
