import { GB, GBIT_PER_S_BYTES, MICROSECOND_S, TERA } from "../units.ts";
import type { DeviceSpec } from "./types.ts";

const DOCS = "cloud.google.com/tpu/docs/v5e";

/** Google Cloud TPU v5e chip in a v5litepod-8 host. */
export const TPU_V5E: DeviceSpec = {
  name: "tpu-v5e",
  class: "tpu",
  vendor: "Google",
  peakFlopsPerS: { bf16: 197 * TERA, int8: 394 * TERA },
  memoryBytes: 16 * GB,
  memoryBandwidthBytesPerS: 819 * GB,
  memoryKind: "hbm",
  scaleUp: { bandwidthBytesPerS: 400 * GB, latencyS: 2 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: (2 * 2 * 100 * GBIT_PER_S_BYTES) / 8, latencyS: 10 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 64 * GB },
  power: { idleW: 60, memoryBoundW: 150, computeBoundW: 250, maxW: 250 },
  node: { devicesPerNode: 8, maxW: 8 * 250 + 1000 },
  source: {
    peakFlopsPerS: `${DOCS}: 197 TF BF16, 394 TOPS INT8; no FP16 or FP8 path listed`,
    memoryBytes: `${DOCS}: 16 GB HBM2`,
    memoryBandwidthBytesPerS: `${DOCS}: 819 GB/s`,
    scaleUp: `${DOCS}: ICI, 4 ports, 400 GB/s bidirectional per chip, 2D torus; hop latency L: assumed 2 µs`,
    scaleOut: `${DOCS}: host NIC 2 × 100 Gbps per 8-chip host, shared by 8 chips (bidirectional); latency L: 10 µs`,
    hostLink: "L: not published; PCIe4 x16 (64 GB/s) assumed",
    power: "L: TPU v5e power is not published; placeholders from TPU v3 (123/220/262 W min/mean/max, Google Cloud docs) scaled down: idle 60, memory-bound 150, compute-bound 250 W",
    node: "L: 8 chips per host (v5litepod-8); host overhead assumed 1 kW",
  },
};
