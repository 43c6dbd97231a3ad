import { GB, MICROSECOND_S, TERA } from "../units.ts";
import { SCALED_POWER_SOURCE, scaledPower } from "./powerDefaults.ts";
import type { DeviceSpec } from "./types.ts";

const WHITEPAPER = "M: NVIDIA Ada Lovelace architecture whitepaper, RTX 4090 column (recalled in the reference)";

/** NVIDIA GeForce RTX 4090 in a single-GPU workstation. */
export const RTX_4090: DeviceSpec = {
  name: "rtx-4090",
  class: "gpu",
  vendor: "NVIDIA",
  peakFlopsPerS: { fp16: 165 * TERA, bf16: 165 * TERA, fp8: 330 * TERA, int8: 661 * TERA, int4: 1321 * TERA },
  memoryBytes: 24 * GB,
  memoryBandwidthBytesPerS: 1008 * GB,
  memoryKind: "gddr",
  scaleUp: { bandwidthBytesPerS: 64 * GB, latencyS: 5 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 3 * GB, latencyS: 50 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 64 * GB },
  power: scaledPower(450),
  node: { devicesPerNode: 1, maxW: 450 + 300 },
  source: {
    peakFlopsPerS: `${WHITEPAPER}: 165 TF FP16 with FP32 accumulate (330 with FP16 accumulate), FP8 330 TF, INT8 661 TOPS, INT4 1,321 TOPS`,
    memoryBytes: `${WHITEPAPER}: 24 GB GDDR6X`,
    memoryBandwidthBytesPerS: `${WHITEPAPER}: 1,008 GB/s`,
    scaleUp: `${WHITEPAPER}: no NVLink; PCIe4 x16, 64 GB/s; latency L: assumed 5 µs`,
    scaleOut: "L: not in the reference; a workstation's 25 GbE NIC (≈ 3 GB/s) and 50 µs assumed",
    hostLink: `${WHITEPAPER}: PCIe4 x16, 64 GB/s`,
    power: `${SCALED_POWER_SOURCE}; TDP 450 W`,
    node: "L: single-GPU workstation, host assumed 300 W beyond the GPU",
  },
};
