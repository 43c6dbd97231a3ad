import type { DecodeStepPricer, StepCost, StepCostModel, StepCostSlot, StepShape } from "../../sim/ports.ts";
import { peak16FlopsPerS, type LinkSpec } from "../devices/types.ts";
import { blendInto, type GroupTime, type MutableGroupTime } from "./blend.ts";
import { Kept, RooflineDecodePricer } from "./decodePricer.ts";
import { allReduceS, sendS } from "./collectives.ts";
import { stepGeometry, type CostLayout } from "./geometry.ts";
import { expectedDistinctExperts } from "./moe.ts";
import { factorsFor, type EngineProfile } from "./profiles.ts";

/** Activations travel as 16-bit values. */
const ACTIVATION_BYTES = 2;

/** Where one step's time goes, in seconds. `durationS` = max(deviceS, hostS) + hostStepS. */
export interface StepBreakdown {
  /** Linear layers (GEMMs) of all layers, blended roofline, without kernel overheads. */
  readonly linearS: number;
  /** Fixed per-kernel time of those GEMMs. */
  readonly gemmKernelsS: number;
  /** LM head GEMM, kernel time included. */
  readonly lmHeadS: number;
  /** Attention (prefill and decode) roofline plus its kernels' fixed time. */
  readonly attentionS: number;
  /** Norms, RoPE, activation, residuals: fixed per layer plus activation traffic. */
  readonly smallOpsS: number;
  /** Tensor-parallel all-reduces. */
  readonly collectivesS: number;
  /** Pipeline sends between stages. */
  readonly pipelineS: number;
  /** Dataflow devices' fixed time per stage. */
  readonly dataflowS: number;
  readonly deviceS: number;
  /** Host time to issue the step's kernels (overlaps the device). */
  readonly hostS: number;
  /** Host time that does not overlap: per step and per sequence. */
  readonly hostStepS: number;
  readonly durationS: number;
  /** Time of the roofline groups that is compute-bound. */
  readonly computeBoundS: number;
  /**
   * Time spent moving data without being compute-bound: the memory-bound share of the roofline groups, the
   * small ops' traffic, the bandwidth terms of collectives and pipeline sends, and dataflow passes. The rest
   * of the step (kernel and collective latencies, host time) is stall time, for the power model.
   */
  readonly memoryBoundS: number;
}

/** A step breakdown that the cost model overwrites at every step. */
export type MutableStepBreakdown = { -readonly [K in keyof StepBreakdown]: StepBreakdown[K] };

const ZERO: GroupTime = { timeS: 0, computeShare: 0 };

// What a step breakdown keeps for its last token and sequence counts (`kept` in stepPricing): the slots of
// decodePricer.ts.
// A decode-only step's row (`decodeRows` in stepPricing): the kept sums, then the counts they are for.
const ROW_SEQS = Kept.Count;
const ROW_SAMPLED = Kept.Count + 1;
const ROW_STRIDE = Kept.Count + 2;
/**
 * Sequence counts whose decode rows are kept at once (a power of two; s in row s mod this). A replica's batch
 * changes as sequences join and leave, prefill steps price other counts in between, and a pool's replicas
 * share one cost model: with one kept set of sums, a third of `single-replica`'s decode steps recomputed them.
 */
const DECODE_ROWS = 512;

const group = (): MutableGroupTime => ({ timeS: 0, computeShare: 0 });
const emptyBreakdown = (): MutableStepBreakdown => ({
  linearS: 0,
  gemmKernelsS: 0,
  lmHeadS: 0,
  attentionS: 0,
  smallOpsS: 0,
  collectivesS: 0,
  pipelineS: 0,
  dataflowS: 0,
  deviceS: 0,
  hostS: 0,
  hostStepS: 0,
  durationS: 0,
  computeBoundS: 0,
  memoryBoundS: 0,
});

/**
 * A step's time as a roofline over operator groups, O(1) per step whatever the batch:
 *
 * - linear layers: FLOPs 2 × active params × tokens; bytes = weights read once per step (for MoE, the
 *   experts the step's tokens are expected to touch) plus GEMM inputs and outputs;
 * - LM head: once per sequence in the step;
 * - attention: prefill FLOPs from `prefillAttentionPairs`, prefill bytes = prefix KV read + new KV written;
 *   decode bytes = `decodeContextTokens` × KV bytes per token;
 * - small ops (norms, RoPE, activation, residuals): a fixed time per layer plus their activation traffic;
 * - tensor parallel: two all-reduces per layer over the scale-up link (scale-out beyond a node);
 * - pipeline parallel: a replica's step visits the stages in turn (one microbatch, as vLLM's engine does),
 *   so the step is the sum of stage times plus (stages − 1) sends; PP adds memory, not speed;
 * - dataflow devices (LPU, wafer): a fixed `passLatencyS` per pipeline stage.
 *
 * Each group takes blend(FLOPs / (peak × compute efficiency), bytes / (bandwidth × memory efficiency)),
 * plus per-kernel overheads. The host issues kernels asynchronously, so the step takes
 * max(device time, host time) plus the host's per-step and per-sequence work.
 */
export function createStepBreakdown(
  layout: CostLayout,
  profile: EngineProfile,
): (shape: StepShape, into?: MutableStepBreakdown) => StepBreakdown {
  return stepPricing(layout, profile).breakdown;
}

/** A placement's step breakdown, and a decode-only step's cost from the same numbers (`priceDecodeInto`). */
function stepPricing(
  layout: CostLayout,
  profile: EngineProfile,
): {
  breakdown: (shape: StepShape, into?: MutableStepBreakdown) => StepBreakdown;
  priceDecodeInto: (shape: StepShape, into: StepCostSlot) => void;
  pricerFor: (seqs: number, sampled: number) => DecodeStepPricer;
} {
  const { device, weightPrecision } = layout.input;
  const f = factorsFor(profile, device);
  const g = stepGeometry(layout);
  const t = layout.tensorParallel;
  const stages = layout.pipelineParallel;
  const linearPeak = (device.peakFlopsPerS[weightPrecision] ?? 0) * f.computeEfficiency;
  const attentionPeak = peak16FlopsPerS(device) * f.attentionComputeEfficiency;
  const streamBytesPerS = device.memoryBandwidthBytesPerS * f.memoryEfficiency;
  const p = f.rooflineSharpness;
  const nodeDevices = device.node.devicesPerNode;
  const tpLink: LinkSpec = t <= nodeDevices ? device.scaleUp : device.scaleOut;
  const ppLink: LinkSpec = t * stages <= nodeDevices ? device.scaleUp : device.scaleOut;
  const dataflowS = stages * (device.dataflow?.passLatencyS ?? 0);
  const wb = g.weightBytesPerParam;
  const gemmKernelsS = (g.denseLayers * g.gemmKernelsDenseLayer + g.moeLayers * g.gemmKernelsMoeLayer) * f.kernelOverheadS;

  const allReduce = (bytes: number): number =>
    t > 1 ? (2 * g.layers + 1) * allReduceS(bytes, t, tpLink, f.linkEfficiency, f.collectiveLatencyS) : 0;
  const send = (bytes: number): number => (stages - 1) * sendS(bytes, ppLink, f.linkEfficiency);
  /** The size-independent (latency) parts of a step's collectives and sends. */
  const collectiveLatencyS = allReduce(0);
  const sendLatencyS = send(0);

  // Each group's time is written into its own object, reused from step to step.
  const denseTime = group();
  const moeTime = group();
  const lmHeadTime = group();
  const prefillTime = group();
  const decodeTime = group();

  function denseLinear(tokens: number, activationBytes: number): GroupTime {
    if (g.denseLayers === 0) return ZERO;
    const flops = 2 * tokens * g.denseLayerParams * g.denseLayers;
    const bytes = g.denseLayers * (g.denseLayerParams * wb + activationBytes);
    return blendInto(denseTime, flops / linearPeak, bytes / streamBytesPerS, p);
  }

  function moeLinear(tokens: number, activationBytes: number): GroupTime {
    if (g.moeLayers === 0) return ZERO;
    const touched = expectedDistinctExperts(g.experts, g.activeExperts, tokens);
    const flops = 2 * tokens * g.moeActiveParamsPerToken * g.moeLayers;
    const bytes = g.moeLayers * ((g.moeFixedParams + touched * g.expertParams) * wb + activationBytes);
    return blendInto(moeTime, flops / linearPeak, bytes / streamBytesPerS, p);
  }

  function prefillAttention(shape: StepShape): GroupTime {
    if (shape.prefillTokens <= 0) return ZERO;
    const flops = g.layers * shape.prefillAttentionPairs * g.prefillFlopsPerPair;
    const kvTokens = shape.prefillContextTokens + shape.prefillTokens;
    const qoBytes = 2 * shape.prefillTokens * g.qWidth * ACTIVATION_BYTES;
    const bytes = g.layers * (kvTokens * g.kvBytesPerTokenPerLayer + qoBytes);
    return blendInto(prefillTime, flops / attentionPeak, bytes / streamBytesPerS, p);
  }

  function decodeAttention(shape: StepShape): GroupTime {
    if (shape.decodeSeqs <= 0) return ZERO;
    const flops = g.layers * shape.decodeContextTokens * g.decodeFlopsPerPair;
    const bytes = g.layers * (shape.decodeContextTokens + shape.decodeSeqs) * g.kvBytesPerTokenPerLayer;
    return blendInto(decodeTime, flops / attentionPeak, bytes / streamBytesPerS, p);
  }

  // The linear layers depend only on the step's token and sequence counts: `breakdown` keeps the last ones
  // (the groups and their sums), and a step that only decodes reads the sums kept for its counts in
  // `decodeRows`, so a decode stretch's steps (decodeStretch.ts) compute only attention. Same numbers either
  // way. The sums are in typed arrays: a number kept in a closure's variable is a new heap object each time it
  // is set.
  let lastTokens = -1;
  let lastSampled = -1;
  let dense = ZERO;
  let moe = ZERO;
  let lmHead = ZERO;
  const kept = new Float64Array(Kept.Count);
  /**
   * Decode-only steps' sums by sequence count, each row stamped with its counts (zeros: none yet); made at the
   * first such step (a breakdown alone never needs them).
   */
  let decodeRows: Float64Array | null = null;

  /** Compute the linear groups for these counts (into `dense`, `moe`, `lmHead`) and their sums into `out` at `at`. */
  function refresh(tokens: number, sampled: number, out: Float64Array, at: number): void {
    const activationBytes = tokens * g.gemmActivationWidth * ACTIVATION_BYTES;
    dense = denseLinear(tokens, activationBytes);
    moe = moeLinear(tokens, activationBytes);
    lmHead = blendInto(lmHeadTime, (2 * sampled * g.lmHeadParams) / linearPeak, (g.lmHeadParams * wb) / streamBytesPerS, p);
    const smallOpsTrafficS = (g.layers * tokens * g.elementwiseWidth * ACTIVATION_BYTES) / streamBytesPerS;
    const message = tokens * g.hiddenSize * ACTIVATION_BYTES;
    const collectivesS = allReduce(message);
    const pipelineS = send(message);
    out[at + Kept.SmallOpsTraffic] = smallOpsTrafficS;
    out[at + Kept.Collectives] = collectivesS;
    out[at + Kept.Pipeline] = pipelineS;
    out[at + Kept.DeviceBeforeAttention] = dense.timeS + moe.timeS + gemmKernelsS + (lmHead.timeS + f.kernelOverheadS);
    out[at + Kept.SmallOps] = g.layers * f.layerOverheadS + smallOpsTrafficS;
    out[at + Kept.ComputeBeforeDecode] =
      dense.timeS * dense.computeShare + moe.timeS * moe.computeShare + lmHead.timeS * lmHead.computeShare;
    out[at + Kept.TimeBeforeDecode] = dense.timeS + moe.timeS + lmHead.timeS;
    out[at + Kept.CollectivesBandwidth] = collectivesS - collectiveLatencyS;
    out[at + Kept.PipelineBandwidth] = pipelineS - sendLatencyS;
    out[at + Kept.HostStep] = f.stepOverheadS + f.seqOverheadS * sampled;
  }

  /** Where the decode row of these counts starts, computed first where the row holds other counts. */
  function decodeRow(seqs: number, sampled: number): number {
    const at = (seqs & (DECODE_ROWS - 1)) * ROW_STRIDE;
    const rows = (decodeRows ??= new Float64Array(DECODE_ROWS * ROW_STRIDE));
    if (rows[at + ROW_SEQS] !== seqs || rows[at + ROW_SAMPLED] !== sampled) {
      refresh(seqs, sampled, rows, at);
      rows[at + ROW_SEQS] = seqs;
      rows[at + ROW_SAMPLED] = sampled;
      // The linear groups now hold these counts', not those `kept` is for.
      lastTokens = -1;
    }
    return at;
  }

  /** One decode attention kernel per layer. */
  const decodeKernelsS = g.layers * f.kernelOverheadS;
  const decodeHostS = g.layers * f.hostLayerS;

  /**
   * Decode-only steps are priced by one pricer that holds the sums kept for their counts (`decodeRows`) beside
   * the placement's numbers: the cost `breakdown` gives, bit for bit (the same operations in the same order,
   * where the prefill group's zero adds nothing), computing only the step's attention and a few sums. A decode
   * stretch's steps share a count, and a pool's replicas share the rows.
   */
  const decodePricer = new RooflineDecodePricer({
    layers: g.layers,
    decodeFlopsPerPair: g.decodeFlopsPerPair,
    kvBytesPerTokenPerLayer: g.kvBytesPerTokenPerLayer,
    attentionPeakFlopsPerS: attentionPeak,
    streamBytesPerS,
    rooflineSharpness: p,
    decodeKernelsS,
    dataflowS,
    decodeHostS,
  });

  /** The pricer, with the row of these counts loaded. */
  function pricerFor(seqs: number, sampled: number): RooflineDecodePricer {
    if (!decodePricer.holds(seqs, sampled)) {
      const at = decodeRow(seqs, sampled);
      decodePricer.load(decodeRows!, at, seqs, sampled);
    }
    return decodePricer;
  }

  /** The cost of a step that only decodes (no prefill tokens, some sequences), as `breakdown` gives it. */
  function priceDecodeInto(shape: StepShape, into: StepCostSlot): void {
    pricerFor(shape.decodeSeqs, shape.prefillSeqs + shape.decodeSeqs).price(shape.decodeContextTokens, into);
  }

  const breakdown = (shape: StepShape, into: MutableStepBreakdown = emptyBreakdown()): StepBreakdown => {
    const tokens = shape.prefillTokens + shape.decodeSeqs;
    const sampled = shape.prefillSeqs + shape.decodeSeqs;
    if (tokens !== lastTokens || sampled !== lastSampled) {
      refresh(tokens, sampled, kept, 0);
      lastTokens = tokens;
      lastSampled = sampled;
    }
    const prefill = prefillAttention(shape);
    const decode = decodeAttention(shape);
    const attentionKernels = (shape.prefillTokens > 0 ? 1 : 0) + (shape.decodeSeqs > 0 ? 1 : 0);
    const attentionS = prefill.timeS + decode.timeS + g.layers * attentionKernels * f.kernelOverheadS;
    const smallOpsTrafficS = kept[Kept.SmallOpsTraffic]!;
    const collectivesS = kept[Kept.Collectives]!;
    const pipelineS = kept[Kept.Pipeline]!;
    const smallOpsS = kept[Kept.SmallOps]!;
    const linearS = dense.timeS + moe.timeS;
    const lmHeadS = lmHead.timeS + f.kernelOverheadS;
    const deviceS =
      linearS + gemmKernelsS + lmHeadS + attentionS + smallOpsS + collectivesS + pipelineS + dataflowS;
    const hostS = g.layers * (shape.prefillTokens > 0 ? f.hostPrefillLayerS : f.hostLayerS);
    const hostStepS = kept[Kept.HostStep]!;
    const computeBoundS =
      dense.timeS * dense.computeShare +
      moe.timeS * moe.computeShare +
      lmHead.timeS * lmHead.computeShare +
      prefill.timeS * prefill.computeShare +
      decode.timeS * decode.computeShare;
    const memoryBoundS =
      dense.timeS + moe.timeS + lmHead.timeS + prefill.timeS + decode.timeS - computeBoundS +
      smallOpsTrafficS + kept[Kept.CollectivesBandwidth]! + kept[Kept.PipelineBandwidth]! + dataflowS;
    into.linearS = linearS;
    into.gemmKernelsS = gemmKernelsS;
    into.lmHeadS = lmHeadS;
    into.attentionS = attentionS;
    into.smallOpsS = smallOpsS;
    into.collectivesS = collectivesS;
    into.pipelineS = pipelineS;
    into.dataflowS = dataflowS;
    into.deviceS = deviceS;
    into.hostS = hostS;
    into.hostStepS = hostStepS;
    into.durationS = Math.max(deviceS, hostS) + hostStepS;
    into.computeBoundS = computeBoundS;
    into.memoryBoundS = memoryBoundS;
    return into;
  };
  return { breakdown, priceDecodeInto, pricerFor };
}

/** The roofline step cost model of a placement (see createStepBreakdown for the model). */
export function createRooflineCost(placement: CostLayout, profile: EngineProfile): StepCostModel {
  const { breakdown, priceDecodeInto, pricerFor } = stepPricing(placement, profile);
  const scratch = emptyBreakdown();
  const slot: StepCostSlot = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };
  function priceInto(shape: StepShape, into: StepCostSlot): void {
    if (shape.prefillTokens === 0 && shape.decodeSeqs > 0) {
      priceDecodeInto(shape, into);
      return;
    }
    if (shape.prefillTokens + shape.decodeSeqs <= 0) {
      into.durationS = 0;
      into.computeBoundFraction = 0;
      into.memoryBoundFraction = Number.NaN;
      return;
    }
    const b = breakdown(shape, scratch);
    into.durationS = b.durationS;
    into.computeBoundFraction = Math.min(1, b.computeBoundS / b.durationS);
    into.memoryBoundFraction = Math.min(1 - into.computeBoundFraction, b.memoryBoundS / b.durationS);
  }
  return {
    stepCost(shape: StepShape): StepCost {
      priceInto(shape, slot);
      const { durationS, computeBoundFraction, memoryBoundFraction } = slot;
      return Number.isNaN(memoryBoundFraction) ? { durationS, computeBoundFraction } : { durationS, computeBoundFraction, memoryBoundFraction };
    },
    priceInto,
    decodePricer(decodeSeqs: number): DecodeStepPricer {
      if (!(decodeSeqs >= 1)) throw new Error(`internal: a decode pricer for ${decodeSeqs} sequences`);
      return pricerFor(decodeSeqs, decodeSeqs);
    },
  };
}
