import { GB, MICROSECOND_S, TERA } from "../units.ts";
import { SCALED_POWER_SOURCE, scaledPower } from "./powerDefaults.ts";
import type { DeviceSpec } from "./types.ts";

const DATASHEET =
  "aiconfigurator systems/b200_sxm.yaml (cites the Blackwell datasheet nvdam.widen.net/s/wwnsxrhm2w/blackwell-datasheet-3384703); glennklockwood.com/B200; docs.nvidia.com/dgx/dgxb200-user-guide";

/** NVIDIA B200 (1,000 W) in a DGX/HGX B200. */
export const B200: DeviceSpec = {
  name: "b200",
  class: "gpu",
  vendor: "NVIDIA",
  peakFlopsPerS: { fp16: 2250 * TERA, bf16: 2250 * TERA, fp8: 4500 * TERA, int8: 4500 * TERA, fp4: 9000 * TERA },
  memoryBytes: 180 * GB,
  memoryBandwidthBytesPerS: 7700 * GB,
  memoryKind: "hbm",
  scaleUp: { bandwidthBytesPerS: 1800 * GB, latencyS: 2 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 200 * GB, latencyS: 10 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 128 * GB },
  power: scaledPower(1000),
  node: { devicesPerNode: 8, maxW: 14300 },
  source: {
    peakFlopsPerS: `${DATASHEET}: dense 2,250 TF BF16, 4,500 TF FP8, 4,500 TOPS INT8, 9,000 TF FP4`,
    memoryBytes: `${DATASHEET}: 180 GB usable in DGX/HGX B200 (1,440 GB per 8; announced as 192 GB)`,
    memoryBandwidthBytesPerS: `${DATASHEET}: 7.7 TB/s (aic yaml; the DGX datasheet's share is 8 TB/s)`,
    scaleUp: `${DATASHEET}: NVLink5, 18 links, 1.8 TB/s bidirectional; hop latency L: not published, assumed 2 µs`,
    scaleOut: "aiconfigurator yaml: 100 GB/s per GPU per direction (ConnectX-8 800 Gb/s), point-to-point latency 10 µs",
    hostLink: `${DATASHEET}: PCIe5/6, 128 GB/s`,
    power: `${SCALED_POWER_SOURCE}; TDP 1,000 W`,
    node: "M: DGX B200 ≈ 14.3 kW max (value recalled in the reference, docs.nvidia.com/dgx/dgxb200-user-guide), 8 GPUs",
  },
};
