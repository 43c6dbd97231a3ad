import type { DeviceClass, DeviceSpec } from "../devices/types.ts";
import { MICROSECOND_S, MILLISECOND_S } from "../units.ts";
import { checkFactor, ENGINE_FACTOR_KEYS, PROFILE_KEYS, type EngineFactors, type EngineProfile } from "./engineFactors.ts";

export { ENGINE_FACTOR_KEYS, type EngineFactors, type EngineProfile } from "./engineFactors.ts";

/**
 * On SRAM dataflow devices the vendor's compiler schedules everything statically: no kernel launches and no
 * host-issued layers. Their fixed costs are the device's `dataflow.passLatencyS` instead.
 */
const DATAFLOW: Partial<EngineFactors> = {
  computeEfficiency: 0.8,
  memoryEfficiency: 0.9,
  attentionComputeEfficiency: 0.5,
  rooflineSharpness: Infinity,
  kernelOverheadS: 0,
  layerOverheadS: 0,
  linkEfficiency: 0.8,
  collectiveLatencyS: 0,
  hostLayerS: 0,
  hostPrefillLayerS: 0,
  stepOverheadS: 0,
  seqOverheadS: 0,
};

/**
 * vLLM as of 2023 (eager mode, no CUDA graphs, Ray workers), calibrated in test/hardware/calibration.test.ts:
 * GEMM factors (computeEfficiency, memoryEfficiency, rooflineSharpness, kernelOverheadS) against vidur's
 * operator profiles (vidur-linear-ops.csv), small-op time (layerOverheadS) from the same file, and the rest
 * against Splitwise's end-to-end llama2-70b measurements on DGX-A100 and DGX-H100 (splitwise-perf-model.csv).
 * Method, fitted values and the error table: hardware/CALIBRATION.md. Devices without measurements get the
 * base factors, which sit between the A100's and the H100's.
 */
const VLLM_2023: EngineProfile = {
  name: "vllm-2023",
  description: "vLLM-era engine (2023): eager kernels issued from Python, NCCL all-reduce, no CUDA graphs",
  source: "fitted to vidur-linear-ops.csv and splitwise-perf-model.csv; see hardware/CALIBRATION.md",
  computeEfficiency: 0.74,
  memoryEfficiency: 0.86,
  attentionComputeEfficiency: 0.18,
  rooflineSharpness: 2,
  kernelOverheadS: 5.2 * MICROSECOND_S,
  layerOverheadS: 21 * MICROSECOND_S,
  linkEfficiency: 0.25,
  collectiveLatencyS: 63 * MICROSECOND_S,
  hostLayerS: 0.45 * MILLISECOND_S,
  hostPrefillLayerS: 0.75 * MILLISECOND_S,
  stepOverheadS: 1.3 * MILLISECOND_S,
  seqOverheadS: 0.29 * MILLISECOND_S,
  classOverrides: { lpu: DATAFLOW, wafer: DATAFLOW },
  deviceOverrides: {
    "a100-80gb-sxm": {
      computeEfficiency: 0.74,
      memoryEfficiency: 0.81,
      kernelOverheadS: 5.7 * MICROSECOND_S,
      layerOverheadS: 23.5 * MICROSECOND_S,
      attentionComputeEfficiency: 0.25,
      linkEfficiency: 0.27,
      collectiveLatencyS: 79 * MICROSECOND_S,
      hostLayerS: 0.56 * MILLISECOND_S,
      hostPrefillLayerS: 0.88 * MILLISECOND_S,
      stepOverheadS: 0.2 * MILLISECOND_S,
      seqOverheadS: 0.27 * MILLISECOND_S,
    },
    "h100-sxm": {
      computeEfficiency: 0.75,
      memoryEfficiency: 0.91,
      kernelOverheadS: 4.7 * MICROSECOND_S,
      layerOverheadS: 19 * MICROSECOND_S,
      attentionComputeEfficiency: 0.12,
      linkEfficiency: 0.24,
      collectiveLatencyS: 47 * MICROSECOND_S,
      hostLayerS: 0.34 * MILLISECOND_S,
      hostPrefillLayerS: 0.61 * MILLISECOND_S,
      stepOverheadS: 2.4 * MILLISECOND_S,
      seqOverheadS: 0.31 * MILLISECOND_S,
    },
  },
};

/**
 * A well-optimized modern engine near the roofline (CUDA graphs, fused kernels, custom all-reduce): GEMMs at
 * ≈ 80 % of peak, HBM at ≈ 80–90 % (aiconfigurator's mem_bw_empirical_scaling_factor 0.8; Azure measured 92 %
 * on GB200), no host-bound layers, a small per-step overhead.
 */
const OPTIMIZED: EngineProfile = {
  name: "optimized",
  description: "near-roofline engine: CUDA graphs, fused kernels, custom all-reduce, overlapped scheduling",
  source:
    "aiconfigurator yaml (mem_bw_empirical_scaling_factor 0.8, 3 µs per memory op); Azure ND GB200 v6 blog (92 % of HBM bandwidth); vidur GEMM profiles (≈ 75 % of dense peak)",
  computeEfficiency: 0.8,
  memoryEfficiency: 0.88,
  attentionComputeEfficiency: 0.6,
  rooflineSharpness: Infinity,
  kernelOverheadS: 3 * MICROSECOND_S,
  layerOverheadS: 10 * MICROSECOND_S,
  linkEfficiency: 0.8,
  collectiveLatencyS: 10 * MICROSECOND_S,
  hostLayerS: 0,
  hostPrefillLayerS: 0,
  stepOverheadS: 1 * MILLISECOND_S,
  seqOverheadS: 0.01 * MILLISECOND_S,
  classOverrides: { lpu: DATAFLOW, wafer: DATAFLOW },
  deviceOverrides: {},
};

export const ENGINE_PROFILES: Readonly<Record<string, EngineProfile>> = {
  "vllm-2023": VLLM_2023,
  optimized: OPTIMIZED,
};

function pickFactors(source: Partial<EngineFactors> | EngineFactors): Partial<EngineFactors> {
  const picked: Partial<Record<keyof EngineFactors, number>> = {};
  for (const key of ENGINE_FACTOR_KEYS) {
    const value = source[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

function withoutKeys(factors: Partial<EngineFactors>, keys: readonly string[]): Partial<EngineFactors> {
  const kept: Partial<Record<keyof EngineFactors, number>> = {};
  for (const key of ENGINE_FACTOR_KEYS) {
    const value = factors[key];
    if (value !== undefined && !keys.includes(key)) kept[key] = value;
  }
  return kept;
}

/**
 * The named profile with a scenario's overrides. An overridden factor applies to every device: it replaces
 * the base value and is removed from the class and device refinements. Unknown keys and out-of-range values
 * are errors (a typo must not be silently ignored).
 */
export function resolveProfile(name: string, overrides: Partial<EngineProfile> | Readonly<Record<string, unknown>> = {}): EngineProfile {
  const base = ENGINE_PROFILES[name];
  if (base === undefined) {
    throw new Error(`unknown engine profile "${name}"; known: ${Object.keys(ENGINE_PROFILES).join(", ")}`);
  }
  const given = overrides as Partial<EngineProfile>;
  for (const key of Object.keys(overrides)) {
    if (!(ENGINE_FACTOR_KEYS as readonly string[]).includes(key) && !PROFILE_KEYS.includes(key)) {
      throw new Error(`unknown engine factor "${key}"; known: ${ENGINE_FACTOR_KEYS.join(", ")}`);
    }
  }
  const factorOverrides = pickFactors(given);
  for (const [key, value] of Object.entries(factorOverrides)) checkFactor(key as keyof EngineFactors, value);
  const overridden = Object.keys(factorOverrides);
  const classOverrides: Partial<Record<DeviceClass, Partial<EngineFactors>>> = {};
  for (const [cls, factors] of Object.entries(given.classOverrides ?? base.classOverrides)) {
    classOverrides[cls as DeviceClass] = withoutKeys(factors, overridden);
  }
  const deviceOverrides: Record<string, Partial<EngineFactors>> = {};
  for (const [device, factors] of Object.entries(given.deviceOverrides ?? base.deviceOverrides)) {
    deviceOverrides[device] = withoutKeys(factors, overridden);
  }
  return { ...base, ...given, ...factorOverrides, classOverrides, deviceOverrides };
}

/** The factors that apply to `device`: base, then its class's refinement, then its own. */
export function factorsFor(profile: EngineProfile, device: DeviceSpec): EngineFactors {
  const base = pickFactors(profile) as EngineFactors;
  return {
    ...base,
    ...(profile.classOverrides[device.class] ?? {}),
    ...(profile.deviceOverrides[device.name] ?? {}),
  };
}
