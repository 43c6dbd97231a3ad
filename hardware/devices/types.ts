import { PRECISIONS, type Precision } from "../precision.ts";

/**
 * What kind of device: GPUs keep weights and KV in HBM/GDDR; an LPU (Groq) and a wafer (Cerebras) keep them
 * in on-chip SRAM; TPUs and other accelerators behave like GPUs here.
 */
export type DeviceClass = "gpu" | "lpu" | "wafer" | "tpu" | "accelerator";

/** Where weights and KV cache live. `sram` means the device has no off-chip memory at all. */
export type MemoryKind = "hbm" | "gddr" | "sram";

/** An interconnect as seen from one device. */
export interface LinkSpec {
  /** Aggregate bidirectional bandwidth per device (the datasheet convention); one direction is half. */
  readonly bandwidthBytesPerS: number;
  /** One-hop latency. */
  readonly latencyS: number;
}

/**
 * Power states of one device, used by the power model: idle between steps, and during a step a draw between
 * `memoryBoundW` and `computeBoundW` according to the step's compute-bound share.
 */
export interface DevicePowerSpec {
  readonly idleW: number;
  /** Draw while running memory-bound work (decode). */
  readonly memoryBoundW: number;
  /** Draw while running compute-bound work (long prefills); at most `maxW`. */
  readonly computeBoundW: number;
  /** Thermal design power (board power limit). */
  readonly maxW: number;
}

/** The server (node) that hosts `devicesPerNode` devices. */
export interface NodeSpec {
  readonly devicesPerNode: number;
  /**
   * Maximum power of the whole server. Host overhead (CPUs, NICs, fans, switches) is
   * `maxW − devicesPerNode × device power.maxW`; see `nodeOverheadW`.
   */
  readonly maxW: number;
}

/**
 * A dataflow device (LPU, wafer) runs a compiler-scheduled pipeline: a token's activations cross each device
 * of a pipeline in a fixed time beyond the roofline terms. GPUs have no such term (their fixed costs are the
 * engine's kernel and host overheads, in the engine profile).
 */
export interface DataflowSpec {
  /** Fixed time for one token's activations to cross one pipeline stage of this device. */
  readonly passLatencyS: number;
  /**
   * Devices per pipeline stage when a placement leaves `tensorParallel` at 1: the layout `passLatencyS` was
   * calibrated with (a Groq stage is one GroqNode of 8 fully connected chips; a wafer is its own stage).
   */
  readonly stageDevices: number;
}

/**
 * One accelerator, as data. Every figure is per device, dense (no 2:4 sparsity), in SI units, and cited in
 * `source` (keyed by field name) with the reference's confidence letter where it is L or M.
 */
export interface DeviceSpec {
  /** Catalog key, e.g. `h100-sxm`. */
  readonly name: string;
  readonly class: DeviceClass;
  readonly vendor: string;
  /** Dense peak tensor throughput per precision; a precision not listed is not supported. */
  readonly peakFlopsPerS: Readonly<Partial<Record<Precision, number>>>;
  /** Capacity of the memory that holds weights and KV (HBM, GDDR, or SRAM on SRAM-only devices). */
  readonly memoryBytes: number;
  readonly memoryBandwidthBytesPerS: number;
  readonly memoryKind: MemoryKind;
  /** Link inside a node or scale-up domain (NVLink, Infinity Fabric, ICI, C2C); PCIe where there is none. */
  readonly scaleUp: LinkSpec;
  /** Link between nodes (InfiniBand / Ethernet per device, or inter-wafer I/O). */
  readonly scaleOut: LinkSpec;
  /** Device-to-host link (PCIe), used for KV swapping. */
  readonly hostLink: { readonly bandwidthBytesPerS: number };
  readonly power: DevicePowerSpec;
  readonly node: NodeSpec;
  /** Present on compiler-scheduled dataflow devices (LPU, wafer). */
  readonly dataflow?: DataflowSpec;
  /** Where each figure comes from, keyed by field name (`memoryBytes`, `power.idleW`, ...). */
  readonly source: Readonly<Record<string, string>>;
}

/** Does this device keep weights and KV in on-chip SRAM only (no HBM/DRAM)? */
export function isSramOnly(device: DeviceSpec): boolean {
  return device.memoryKind === "sram";
}

/** Precisions the device computes natively, in the order of `PRECISIONS`. */
export function supportedPrecisions(device: DeviceSpec): Precision[] {
  return PRECISIONS.filter((p) => (device.peakFlopsPerS[p] ?? 0) > 0);
}

/** Host power of one node beyond its devices' TDP (never negative). */
export function nodeOverheadW(device: DeviceSpec): number {
  return Math.max(0, device.node.maxW - device.node.devicesPerNode * device.power.maxW);
}

/** Dense 16-bit peak (fp16, else bf16), the rate of attention and other 16-bit math. */
export function peak16FlopsPerS(device: DeviceSpec): number {
  return device.peakFlopsPerS.fp16 ?? device.peakFlopsPerS.bf16 ?? 0;
}
