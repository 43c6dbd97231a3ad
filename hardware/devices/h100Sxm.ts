import { GB, MICROSECOND_S, TERA } from "../units.ts";
import type { DeviceSpec } from "./types.ts";

const DATASHEET = "NVIDIA H100 datasheet (nvidia.com/en-us/data-center/h100/) via glennklockwood.com; aiconfigurator systems/h100_sxm.yaml";

/** NVIDIA H100 SXM5 80 GB in a DGX/HGX H100. */
export const H100_SXM: DeviceSpec = {
  name: "h100-sxm",
  class: "gpu",
  vendor: "NVIDIA",
  peakFlopsPerS: { fp16: 989.4 * TERA, bf16: 989.4 * TERA, fp8: 1979 * TERA, int8: 1979 * TERA },
  memoryBytes: 80 * GB,
  memoryBandwidthBytesPerS: 3350 * GB,
  memoryKind: "hbm",
  scaleUp: { bandwidthBytesPerS: 900 * GB, latencyS: 2 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 100 * GB, latencyS: 10 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 128 * GB },
  power: { idleW: 75, memoryBoundW: 380, computeBoundW: 700, maxW: 700 },
  node: { devicesPerNode: 8, maxW: 10200 },
  source: {
    peakFlopsPerS: `${DATASHEET}: dense 989.4 TF BF16/FP16, 1,979 TF FP8, 1,979 TOPS INT8; no INT4/FP4 tensor path`,
    memoryBytes: `${DATASHEET}: 80 GB HBM3`,
    memoryBandwidthBytesPerS: `${DATASHEET}: 3.35 TB/s`,
    scaleUp: `${DATASHEET}: NVLink4, 18 links × 50 GB/s = 900 GB/s bidirectional; hop latency L: not published, assumed 2 µs`,
    scaleOut: "aiconfigurator yaml: 50 GB/s per GPU per direction (ConnectX-7 400 Gb/s), point-to-point latency 10 µs",
    hostLink: `${DATASHEET}: PCIe5 x16, 128 GB/s`,
    power: "Splitwise-sim sws/configs/power_model/constant.yaml: idle 75 W, token (decode) 380 W, prompt 700 W; TDP up to 700 W (datasheet)",
    node: "NVIDIA DGX H100 datasheet; sws/configs/hardware_repo/skus/dgx-h100.yaml: 8 GPUs, 10.2 kW max",
  },
};
