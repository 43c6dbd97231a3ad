import type { DecodeStepPricer, StepCostSlot } from "../../sim/ports.ts";
import { blendInto, type MutableGroupTime } from "./blend.ts";

/**
 * The sums a decode-only step reads for its sequence counts, in a roofline's kept row (roofline.ts writes
 * them): everything but the decode attention, which depends on the step's context. A `const enum`, as the
 * pricer's own slots below: its values are written into the code that uses them (see sim/stepRing.ts).
 */
export const enum Kept {
  SmallOpsTraffic = 0,
  Collectives = 1,
  Pipeline = 2,
  DeviceBeforeAttention = 3,
  SmallOps = 4,
  ComputeBeforeDecode = 5,
  TimeBeforeDecode = 6,
  CollectivesBandwidth = 7,
  PipelineBandwidth = 8,
  HostStep = 9,
  /** Slots of a kept row. */
  Count = 10,
}

/** The pricer's array: a kept row, then the placement's numbers (see `DecodeStepConstants`) and the count. */
const enum Slot {
  // The row comes first. (The same file's enum, so esbuild still writes the number in.)
  // eslint-disable-next-line @typescript-eslint/prefer-literal-enum-member
  Layers = Kept.Count,
  DecodeFlopsPerPair,
  KvBytesPerTokenPerLayer,
  AttentionPeak,
  StreamBytesPerS,
  Sharpness,
  DecodeKernelsS,
  DataflowS,
  DecodeHostS,
  Seqs,
  Count,
}

/** What a placement fixes for every decode step's attention and sums. */
export interface DecodeStepConstants {
  readonly layers: number;
  readonly decodeFlopsPerPair: number;
  readonly kvBytesPerTokenPerLayer: number;
  /** Attention FLOP/s after efficiency. */
  readonly attentionPeakFlopsPerS: number;
  /** Memory bytes/s after efficiency. */
  readonly streamBytesPerS: number;
  /** The roofline blend's p (blend.ts). */
  readonly rooflineSharpness: number;
  /** Fixed time of the decode attention kernels (one per layer). */
  readonly decodeKernelsS: number;
  readonly dataflowS: number;
  /** Host time to issue a decode step's kernels. */
  readonly decodeHostS: number;
}

/**
 * The roofline's cost of a decode-only step, with the sums for one sequence count (a kept row) and the
 * placement's numbers copied side by side once (`load`), so that each step reads them from one array and
 * computes only its attention: a decode stretch prices many steps of one count in a row. The operations and
 * their order are the roofline's own (roofline.ts prices every decode-only step through this class), so the
 * costs are the same bits.
 */
export class RooflineDecodePricer implements DecodeStepPricer {
  private readonly k = new Float64Array(Slot.Count);
  private readonly decodeTime: MutableGroupTime = { timeS: 0, computeShare: 0 };
  /** The counts whose row is loaded (−1: none yet). */
  private seqs = -1;
  private sampled = -1;

  constructor(c: DecodeStepConstants) {
    const k = this.k;
    k[Slot.Layers] = c.layers;
    k[Slot.DecodeFlopsPerPair] = c.decodeFlopsPerPair;
    k[Slot.KvBytesPerTokenPerLayer] = c.kvBytesPerTokenPerLayer;
    k[Slot.AttentionPeak] = c.attentionPeakFlopsPerS;
    k[Slot.StreamBytesPerS] = c.streamBytesPerS;
    k[Slot.Sharpness] = c.rooflineSharpness;
    k[Slot.DecodeKernelsS] = c.decodeKernelsS;
    k[Slot.DataflowS] = c.dataflowS;
    k[Slot.DecodeHostS] = c.decodeHostS;
  }

  /** True when the row loaded is for these counts. */
  holds(seqs: number, sampled: number): boolean {
    return this.seqs === seqs && this.sampled === sampled;
  }

  /** Take the kept row at `rows[at..]` for `seqs` decoding sequences (`sampled` sampled in all). */
  load(rows: Float64Array, at: number, seqs: number, sampled: number): void {
    const k = this.k;
    const kept: number = Kept.Count;
    for (let i = 0; i < kept; i++) k[i] = rows[at + i]!;
    k[Slot.Seqs] = seqs;
    this.seqs = seqs;
    this.sampled = sampled;
  }

  price(contextTokens: number, into: StepCostSlot): void {
    const k = this.k;
    const layers = k[Slot.Layers]!;
    const dataflowS = k[Slot.DataflowS]!;
    // One decode attention kernel per layer over the step's context (and the new tokens' KV).
    const flops = layers * contextTokens * k[Slot.DecodeFlopsPerPair]!;
    const bytes = layers * (contextTokens + k[Slot.Seqs]!) * k[Slot.KvBytesPerTokenPerLayer]!;
    const decode = blendInto(this.decodeTime, flops / k[Slot.AttentionPeak]!, bytes / k[Slot.StreamBytesPerS]!, k[Slot.Sharpness]!);
    const deviceS =
      k[Kept.DeviceBeforeAttention]! +
      (decode.timeS + k[Slot.DecodeKernelsS]!) +
      k[Kept.SmallOps]! +
      k[Kept.Collectives]! +
      k[Kept.Pipeline]! +
      dataflowS;
    const durationS = Math.max(deviceS, k[Slot.DecodeHostS]!) + k[Kept.HostStep]!;
    const computeBoundS = k[Kept.ComputeBeforeDecode]! + decode.timeS * decode.computeShare;
    const memoryBoundS =
      k[Kept.TimeBeforeDecode]! +
      decode.timeS -
      computeBoundS +
      k[Kept.SmallOpsTraffic]! +
      k[Kept.CollectivesBandwidth]! +
      k[Kept.PipelineBandwidth]! +
      dataflowS;
    into.durationS = durationS;
    into.computeBoundFraction = Math.min(1, computeBoundS / durationS);
    into.memoryBoundFraction = Math.min(1 - into.computeBoundFraction, memoryBoundS / durationS);
  }
}
