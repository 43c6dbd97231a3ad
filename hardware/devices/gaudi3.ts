import { GB, GBIT_PER_S_BYTES, MICROSECOND_S, TERA } from "../units.ts";
import { SCALED_POWER_SOURCE, scaledPower } from "./powerDefaults.ts";
import type { DeviceSpec } from "./types.ts";

const HOT_CHIPS = "Intel Hot Chips 2024 Gaudi 3 slides (mirrored at sgpjbg.com); theregister.com";

/** Intel Gaudi 3 OAM (air-cooled, 900 W) on an 8-card HLS-2 board. */
export const GAUDI3: DeviceSpec = {
  name: "gaudi3",
  class: "accelerator",
  vendor: "Intel",
  peakFlopsPerS: { bf16: 1835 * TERA, fp8: 1835 * TERA },
  memoryBytes: 128 * GB,
  memoryBandwidthBytesPerS: 3670 * GB,
  memoryKind: "hbm",
  // 21 of the 24 × 200 GbE ports link the 8 cards all-to-all; 3 face the scale-out network. Both directions.
  scaleUp: { bandwidthBytesPerS: 2 * 21 * 200 * GBIT_PER_S_BYTES, latencyS: 3 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 2 * 3 * 200 * GBIT_PER_S_BYTES, latencyS: 10 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 128 * GB },
  power: scaledPower(900),
  node: { devicesPerNode: 8, maxW: 8 * 900 + 3000 },
  source: {
    peakFlopsPerS: `${HOT_CHIPS}: 1,835 TF matrix BF16 and FP8; no FP16 or INT8 matrix rate listed`,
    memoryBytes: `${HOT_CHIPS}: 128 GB HBM2e (8 stacks)`,
    memoryBandwidthBytesPerS: `${HOT_CHIPS}: 3.67 TB/s`,
    scaleUp: `${HOT_CHIPS}: 24 × 200 GbE RoCE on die, 21 ports intra-node all-to-all on HLS-2; latency L: assumed 3 µs (RoCE)`,
    scaleOut: `${HOT_CHIPS}: 3 × 200 GbE ports per card for scale-out; latency L: 10 µs`,
    hostLink: `${HOT_CHIPS}: PCIe5 x16, 128 GB/s`,
    power: `${SCALED_POWER_SOURCE}; 900 W OAM air-cooled (Hot Chips 2024)`,
    node: "L: 8 OAM per node; server power not published, host overhead assumed 3 kW",
  },
};
