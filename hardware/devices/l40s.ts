import { GB, MICROSECOND_S, TERA } from "../units.ts";
import { SCALED_POWER_SOURCE, scaledPower } from "./powerDefaults.ts";
import type { DeviceSpec } from "./types.ts";

const DATASHEET = "NVIDIA L40S datasheet (quoted by mullet.se, omegaco.ae); aiconfigurator systems/l40s.yaml";

/** NVIDIA L40S (PCIe, no NVLink) in an 8-GPU PCIe server. */
export const L40S: DeviceSpec = {
  name: "l40s",
  class: "gpu",
  vendor: "NVIDIA",
  peakFlopsPerS: { fp16: 362.05 * TERA, bf16: 362.05 * TERA, fp8: 733 * TERA, int8: 733 * TERA, int4: 733 * TERA },
  memoryBytes: 48 * GB,
  memoryBandwidthBytesPerS: 864 * GB,
  memoryKind: "gddr",
  scaleUp: { bandwidthBytesPerS: 64 * GB, latencyS: 5 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 50 * GB, latencyS: 10 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 64 * GB },
  power: scaledPower(350),
  node: { devicesPerNode: 8, maxW: 8 * 350 + 1600 },
  source: {
    peakFlopsPerS: `${DATASHEET}: dense 362.05 TF BF16/FP16, 733 TF FP8, 733 TOPS INT8; INT4 733 TOPS (M)`,
    memoryBytes: `${DATASHEET}: 48 GB GDDR6 (ECC)`,
    memoryBandwidthBytesPerS: `${DATASHEET}: 864 GB/s`,
    scaleUp: `${DATASHEET}: no NVLink; peers talk over PCIe4 x16 (aic: 32 GB/s per direction); latency L: assumed 5 µs`,
    scaleOut: "L: not in the reference; assumed 50 GB/s bidirectional (one 200 Gb/s NIC per GPU) and 10 µs",
    hostLink: `${DATASHEET}: PCIe4 x16, 64 GB/s`,
    power: `${SCALED_POWER_SOURCE}; TDP 350 W`,
    node: "L: 8-GPU PCIe server, host overhead (CPUs, fans, NICs) assumed 1.6 kW beyond 8 × 350 W",
  },
};
