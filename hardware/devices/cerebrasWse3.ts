import { GB, MICROSECOND_S, PB, PETA } from "../units.ts";
import type { DeviceSpec } from "./types.ts";

const LAUNCH = "Cerebras WSE-3 launch (Mar 2024) via tomshardware, tweaktown";

/**
 * Cerebras WSE-3 in a CS-3 system (one wafer per system). Inference keeps weights and KV in the 44 GB of
 * on-wafer SRAM; larger models span several wafers as a pipeline (see placement.ts). MemoryX weight streaming
 * is the training path and is not modelled.
 */
export const CEREBRAS_WSE3: DeviceSpec = {
  name: "cerebras-wse3",
  class: "wafer",
  vendor: "Cerebras",
  peakFlopsPerS: { fp16: 125 * PETA / 4, bf16: 125 * PETA / 4 },
  memoryBytes: 44 * GB,
  memoryBandwidthBytesPerS: 21 * PB,
  memoryKind: "sram",
  scaleUp: { bandwidthBytesPerS: 150 * GB, latencyS: 10 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 150 * GB, latencyS: 10 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 150 * GB },
  power: { idleW: 7000, memoryBoundW: 18000, computeBoundW: 23000, maxW: 23000 },
  node: { devicesPerNode: 1, maxW: 23000 },
  dataflow: { passLatencyS: 555 * MICROSECOND_S, stageDevices: 1 },
  source: {
    peakFlopsPerS: `${LAUNCH}: 125 PF 'AI compute' FP16 with sparsity; dense is unpublished (≈ 1/2–1/4); L: 1/4 used`,
    memoryBytes: `${LAUNCH}: 44 GB on-wafer SRAM`,
    memoryBandwidthBytesPerS: `${LAUNCH}: 21 PB/s on-wafer memory bandwidth`,
    scaleUp: "L: one wafer per CS-3, so wafers meet only over the system I/O (as scaleOut)",
    scaleOut: "L: CS-2 had 12 × 100 GbE (1.2 Tb/s ≈ 150 GB/s); CS-3 assumed similar; latency assumed 10 µs",
    hostLink: "L: as scaleOut",
    power:
      "M/L: CS-3 system ≈ 23 kW (tomshardware/theregister, M) as the wafer's maxW and compute-bound draw, wafer and system together; idle 7 kW and memory-bound 18 kW are L placeholders",
    node: "M: one WSE-3 per CS-3 (15U, ≈ 23 kW); the system figure already includes the host, so node overhead is 0",
    dataflow:
      "L/D: fitted — Cerebras publishes no pipeline latency. Chosen so that Llama-3.1-8B (16-bit, one wafer) runs at the published 1,800 tok/s/user (Aug 2024); the 70B on 4 wafers is then a prediction (hardware/CALIBRATION.md)",
  },
};
