import { GB, MICROSECOND_S, TERA } from "../units.ts";
import type { DeviceSpec } from "./types.ts";

const DATASHEET =
  "NVIDIA A100 datasheet (nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf) via glennklockwood.com; aiconfigurator systems/a100_sxm.yaml";

/** NVIDIA A100 80 GB SXM4 in a DGX A100. */
export const A100_SXM_80GB: DeviceSpec = {
  name: "a100-80gb-sxm",
  class: "gpu",
  vendor: "NVIDIA",
  peakFlopsPerS: { fp16: 312 * TERA, bf16: 312 * TERA, int8: 624 * TERA, int4: 1248 * TERA },
  memoryBytes: 80 * GB,
  memoryBandwidthBytesPerS: 2039 * GB,
  memoryKind: "hbm",
  scaleUp: { bandwidthBytesPerS: 600 * GB, latencyS: 2 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 50 * GB, latencyS: 10 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 64 * GB },
  power: { idleW: 63, memoryBoundW: 250, computeBoundW: 400, maxW: 400 },
  node: { devicesPerNode: 8, maxW: 6500 },
  source: {
    peakFlopsPerS: `${DATASHEET}: dense 312 TF BF16/FP16, 624 TOPS INT8, 1,248 TOPS INT4; no FP8`,
    memoryBytes: `${DATASHEET}: 80 GB HBM2e`,
    memoryBandwidthBytesPerS: `${DATASHEET}: 2,039 GB/s`,
    scaleUp: `${DATASHEET}: NVLink3, 12 links, 600 GB/s bidirectional; hop latency L: not published, assumed 2 µs`,
    scaleOut: "aiconfigurator yaml: 25 GB/s per GPU per direction (ConnectX-6), point-to-point latency 10 µs",
    hostLink: `${DATASHEET}: PCIe4 x16, 64 GB/s`,
    power: "Splitwise-sim sws/configs/power_model/constant.yaml: idle 63 W, token (decode) 250 W, prompt 400 W; TDP 400 W (datasheet)",
    node: "NVIDIA DGX A100 datasheet; sws/configs/hardware_repo/skus/dgx-a100.yaml: 8 GPUs, 6.5 kW max",
  },
};
