import type { DecodeStepPricer, StepCostSlot } from "../../sim/ports.ts";
import { blendInto, type MutableGroupTime } from "./blend.ts";

// The sums a decode-only step reads for its sequence counts, in a roofline's kept row (roofline.ts writes
// them): everything but the decode attention, which depends on the step's context.
export const SMALL_OPS_TRAFFIC = 0;
export const COLLECTIVES = 1;
export const PIPELINE = 2;
export const DEVICE_BEFORE_ATTENTION = 3;
export const SMALL_OPS = 4;
export const COMPUTE_BEFORE_DECODE = 5;
export const TIME_BEFORE_DECODE = 6;
export const COLLECTIVES_BANDWIDTH = 7;
export const PIPELINE_BANDWIDTH = 8;
export const HOST_STEP = 9;
/** Slots of a kept row. */
export const KEPT_COUNT = 10;

// The placement's numbers a decode step's attention and sums read, after the row's (see `DecodeStepConstants`).
const LAYERS = KEPT_COUNT;
const DECODE_FLOPS_PER_PAIR = KEPT_COUNT + 1;
const KV_BYTES_PER_TOKEN_PER_LAYER = KEPT_COUNT + 2;
const ATTENTION_PEAK = KEPT_COUNT + 3;
const STREAM_BYTES_PER_S = KEPT_COUNT + 4;
const SHARPNESS = KEPT_COUNT + 5;
const DECODE_KERNELS_S = KEPT_COUNT + 6;
const DATAFLOW_S = KEPT_COUNT + 7;
const DECODE_HOST_S = KEPT_COUNT + 8;
const SEQS = KEPT_COUNT + 9;
const SLOTS = KEPT_COUNT + 10;

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
  private readonly k = new Float64Array(SLOTS);
  private readonly decodeTime: MutableGroupTime = { timeS: 0, computeShare: 0 };
  /** The counts whose row is loaded (−1: none yet). */
  seqs = -1;
  sampled = -1;

  constructor(c: DecodeStepConstants) {
    const k = this.k;
    k[LAYERS] = c.layers;
    k[DECODE_FLOPS_PER_PAIR] = c.decodeFlopsPerPair;
    k[KV_BYTES_PER_TOKEN_PER_LAYER] = c.kvBytesPerTokenPerLayer;
    k[ATTENTION_PEAK] = c.attentionPeakFlopsPerS;
    k[STREAM_BYTES_PER_S] = c.streamBytesPerS;
    k[SHARPNESS] = c.rooflineSharpness;
    k[DECODE_KERNELS_S] = c.decodeKernelsS;
    k[DATAFLOW_S] = c.dataflowS;
    k[DECODE_HOST_S] = c.decodeHostS;
  }

  /** Take the kept row at `rows[at..]` for `seqs` decoding sequences (`sampled` sampled in all). */
  load(rows: Float64Array, at: number, seqs: number, sampled: number): void {
    const k = this.k;
    for (let i = 0; i < KEPT_COUNT; i++) k[i] = rows[at + i]!;
    k[SEQS] = seqs;
    this.seqs = seqs;
    this.sampled = sampled;
  }

  price(contextTokens: number, into: StepCostSlot): void {
    const k = this.k;
    const layers = k[LAYERS]!;
    const dataflowS = k[DATAFLOW_S]!;
    // One decode attention kernel per layer over the step's context (and the new tokens' KV).
    const flops = layers * contextTokens * k[DECODE_FLOPS_PER_PAIR]!;
    const bytes = layers * (contextTokens + k[SEQS]!) * k[KV_BYTES_PER_TOKEN_PER_LAYER]!;
    const decode = blendInto(this.decodeTime, flops / k[ATTENTION_PEAK]!, bytes / k[STREAM_BYTES_PER_S]!, k[SHARPNESS]!);
    const deviceS =
      k[DEVICE_BEFORE_ATTENTION]! +
      (decode.timeS + k[DECODE_KERNELS_S]!) +
      k[SMALL_OPS]! +
      k[COLLECTIVES]! +
      k[PIPELINE]! +
      dataflowS;
    const durationS = Math.max(deviceS, k[DECODE_HOST_S]!) + k[HOST_STEP]!;
    const computeBoundS = k[COMPUTE_BEFORE_DECODE]! + decode.timeS * decode.computeShare;
    const memoryBoundS =
      k[TIME_BEFORE_DECODE]! +
      decode.timeS -
      computeBoundS +
      k[SMALL_OPS_TRAFFIC]! +
      k[COLLECTIVES_BANDWIDTH]! +
      k[PIPELINE_BANDWIDTH]! +
      dataflowS;
    into.durationS = durationS;
    into.computeBoundFraction = Math.min(1, computeBoundS / durationS);
    into.memoryBoundFraction = Math.min(1 - into.computeBoundFraction, memoryBoundS / durationS);
  }
}
