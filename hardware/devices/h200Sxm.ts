import { GB, MICROSECOND_S, TERA } from "../units.ts";
import { SCALED_POWER_SOURCE, scaledPower } from "./powerDefaults.ts";
import type { DeviceSpec } from "./types.ts";

const DATASHEET = "nvidia.com/en-us/data-center/h200/; aiconfigurator systems/h200_sxm.yaml";

/** NVIDIA H200 SXM 141 GB (the H100 die with HBM3e) in an HGX H200. */
export const H200_SXM: DeviceSpec = {
  name: "h200-sxm",
  class: "gpu",
  vendor: "NVIDIA",
  peakFlopsPerS: { fp16: 989.4 * TERA, bf16: 989.4 * TERA, fp8: 1979 * TERA, int8: 1979 * TERA },
  memoryBytes: 141 * GB,
  memoryBandwidthBytesPerS: 4800 * GB,
  memoryKind: "hbm",
  scaleUp: { bandwidthBytesPerS: 900 * GB, latencyS: 2 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 100 * GB, latencyS: 10 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 128 * GB },
  power: scaledPower(700),
  node: { devicesPerNode: 8, maxW: 10200 },
  source: {
    peakFlopsPerS: `${DATASHEET}: same die as H100, dense 989 TF BF16, 1,979 TF FP8, 1,979 TOPS INT8`,
    memoryBytes: `${DATASHEET}: 141 GB HBM3e`,
    memoryBandwidthBytesPerS: `${DATASHEET}: 4.8 TB/s`,
    scaleUp: `${DATASHEET}: NVLink4 900 GB/s bidirectional; hop latency L: not published, assumed 2 µs`,
    scaleOut: "aiconfigurator yaml: 50 GB/s per GPU per direction (ConnectX-7), point-to-point latency 10 µs",
    hostLink: `${DATASHEET}: PCIe5, 128 GB/s`,
    power: `${SCALED_POWER_SOURCE}; TDP up to 700 W (nvidia.com H200 page)`,
    node: "M: HGX/DGX H200 ≈ 10.2 kW class (same chassis family as DGX H100), 8 GPUs",
  },
};
