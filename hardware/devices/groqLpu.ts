import { GB, MICROSECOND_S, MiB, TB, TERA } from "../units.ts";
import type { DeviceSpec } from "./types.ts";

const ISCA20 = "Groq ISCA 2020 'Think Fast: A Tensor Streaming Processor' (groq.com/isca-2020)";
const BRIEF = "groq.com GroqChip product brief (quoted by TechSpot, yobitel, codeconfessions)";

/**
 * Groq LPU (GroqChip, TSP v1) on a GroqCard, 8 per GroqNode. SRAM is its only memory, so weights and KV of
 * a large model spread over hundreds of chips (see placement.ts).
 */
export const GROQ_LPU: DeviceSpec = {
  name: "groq-lpu",
  class: "lpu",
  vendor: "Groq",
  peakFlopsPerS: { fp16: 188 * TERA, int8: 750 * TERA },
  memoryBytes: 220 * MiB,
  memoryBandwidthBytesPerS: 80 * TB,
  memoryKind: "sram",
  // 16 C2C links × 4 lanes × 30 Gb/s ≈ 240 GB/s per direction.
  scaleUp: { bandwidthBytesPerS: 480 * GB, latencyS: 1 * MICROSECOND_S },
  scaleOut: { bandwidthBytesPerS: 480 * GB, latencyS: 1 * MICROSECOND_S },
  hostLink: { bandwidthBytesPerS: 32 * GB },
  power: { idleW: 100, memoryBoundW: 240, computeBoundW: 300, maxW: 375 },
  node: { devicesPerNode: 8, maxW: 3300 },
  dataflow: { passLatencyS: 50 * MICROSECOND_S, stageDevices: 8 },
  source: {
    peakFlopsPerS: `${BRIEF}; ${ISCA20}: 188 TF FP16 and 750 TOPS INT8 at 900 MHz; no BF16/FP8`,
    memoryBytes: `${BRIEF}: 220 MiB (≈ 230 MB) SRAM per chip, the only memory`,
    memoryBandwidthBytesPerS: `${BRIEF}: 80 TB/s on-die SRAM bandwidth`,
    scaleUp:
      "M: Linley Group 2020; Groq ISCA 2022: 16 C2C links × 4 lanes × 30 Gb/s ≈ 480 GB/s bidirectional per chip, Dragonfly; hop latency L: not published (ISCA 2022 quotes < 3 µs end-to-end across the largest system), assumed 1 µs",
    scaleOut: "M: the same C2C links join nodes and racks (Dragonfly); latency L: 1 µs as scaleUp",
    hostLink: "M: GroqCard brief: PCIe Gen4 x16 (32 GB/s per direction)",
    power:
      "M/L: ~300 W class per chip (TechSpot 2020, M) as compute-bound; GroqCard 375 W max and 240 W typical (recalled, L) as maxW and memory-bound; idle L: assumed 100 W",
    node: "L: GroqNode = 8 chips + 2 x86 CPUs (groq.com brief, M); power not published, ≈ 20–30 kW per 9-node rack (L) gives ≈ 3.3 kW per node",
    dataflow:
      "L: fitted — Groq publishes no pipeline latency. Chosen so that Llama-2-70B (int8, TP 8 per stage) runs at Groq's published ≈ 300 tok/s/user (Feb 2024 press); see hardware/CALIBRATION.md",
  },
};
