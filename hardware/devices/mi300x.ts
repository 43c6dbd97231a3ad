import { GB, MICROSECOND_S, TERA } from "../units.ts";
import { SCALED_POWER_SOURCE, scaledPower } from "./powerDefaults.ts";
import type { DeviceSpec } from "./types.ts";

const DATASHEET =
  "AMD MI300X datasheet (amd.com/content/dam/amd/en/documents/instinct-tech-docs/data-sheets/amd-instinct-mi300x-data-sheet.pdf), transcribed in GenZ-LLM-Analyzer Systems/system_configs.py; MLPerf v4.1 system MI300X-NPS1-SPX-192GB-750W";

/** AMD Instinct MI300X (OAM) on an 8-GPU UBB platform. */
export const MI300X: DeviceSpec = {
  name: "mi300x",
  class: "gpu",
  vendor: "AMD",
  peakFlopsPerS: { fp16: 1307.4 * TERA, bf16: 1307.4 * TERA, fp8: 2614.9 * TERA, int8: 2614.9 * TERA },
  memoryBytes: 192 * GB,
  memoryBandwidthBytesPerS: 5300 * GB,
  memoryKind: "hbm",
  scaleUp: { bandwidthBytesPerS: 896 * GB, latencyS: 2 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 100 * GB, latencyS: 10 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 128 * GB },
  power: scaledPower(750),
  node: { devicesPerNode: 8, maxW: 11000 },
  source: {
    peakFlopsPerS: `${DATASHEET}: dense 1,307.4 TF BF16/FP16, 2,614.9 TF FP8, 2,614.9 TOPS INT8`,
    memoryBytes: `${DATASHEET}: 192 GB HBM3`,
    memoryBandwidthBytesPerS: `${DATASHEET}: 5.3 TB/s`,
    scaleUp: `${DATASHEET}: 7 Infinity Fabric links × 128 GB/s = 896 GB/s; hop latency L: not published, assumed 2 µs`,
    scaleOut: "L: not in the reference; assumed one 400 Gb/s NIC per GPU (50 GB/s per direction) and 10 µs, as H100",
    hostLink: `${DATASHEET}: PCIe5 x16, 128 GB/s`,
    power: `${SCALED_POWER_SOURCE}; TDP 750 W`,
    node: "L: 8 × MI300X platform ≈ 10–12 kW class (estimate in the reference); 11 kW used",
  },
};
