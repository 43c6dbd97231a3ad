import type { StepCost, StepCostModel, StepCostSlot, StepShape } from "../../sim/ports.ts";
import { peak16FlopsPerS, type LinkSpec } from "../devices/types.ts";
import { blendInto, type GroupTime, type MutableGroupTime } from "./blend.ts";
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

  // The linear layers depend only on the step's token and sequence counts, which stay the same through a
  // stretch of decode steps (decodeStretch.ts): the last ones are kept, so such a stretch recomputes only
  // attention. Same numbers either way.
  let lastTokens = -1;
  let lastSampled = -1;
  let dense = ZERO;
  let moe = ZERO;
  let lmHead = ZERO;
  let smallOpsTrafficS = 0;
  let collectivesS = 0;
  let pipelineS = 0;

  return (shape, into = emptyBreakdown()) => {
    const tokens = shape.prefillTokens + shape.decodeSeqs;
    const sampled = shape.prefillSeqs + shape.decodeSeqs;
    if (tokens !== lastTokens || sampled !== lastSampled) {
      const activationBytes = tokens * g.gemmActivationWidth * ACTIVATION_BYTES;
      dense = denseLinear(tokens, activationBytes);
      moe = moeLinear(tokens, activationBytes);
      lmHead = blendInto(lmHeadTime, (2 * sampled * g.lmHeadParams) / linearPeak, (g.lmHeadParams * wb) / streamBytesPerS, p);
      smallOpsTrafficS = (g.layers * tokens * g.elementwiseWidth * ACTIVATION_BYTES) / streamBytesPerS;
      const message = tokens * g.hiddenSize * ACTIVATION_BYTES;
      collectivesS = allReduce(message);
      pipelineS = send(message);
      lastTokens = tokens;
      lastSampled = sampled;
    }
    const prefill = prefillAttention(shape);
    const decode = decodeAttention(shape);
    const attentionKernels = (shape.prefillTokens > 0 ? 1 : 0) + (shape.decodeSeqs > 0 ? 1 : 0);
    const attentionS = prefill.timeS + decode.timeS + g.layers * attentionKernels * f.kernelOverheadS;
    const smallOpsS = g.layers * f.layerOverheadS + smallOpsTrafficS;
    const linearS = dense.timeS + moe.timeS;
    const lmHeadS = lmHead.timeS + f.kernelOverheadS;
    const deviceS =
      linearS + gemmKernelsS + lmHeadS + attentionS + smallOpsS + collectivesS + pipelineS + dataflowS;
    const hostS = g.layers * (shape.prefillTokens > 0 ? f.hostPrefillLayerS : f.hostLayerS);
    const hostStepS = f.stepOverheadS + f.seqOverheadS * sampled;
    const computeBoundS =
      dense.timeS * dense.computeShare +
      moe.timeS * moe.computeShare +
      lmHead.timeS * lmHead.computeShare +
      prefill.timeS * prefill.computeShare +
      decode.timeS * decode.computeShare;
    const memoryBoundS =
      dense.timeS + moe.timeS + lmHead.timeS + prefill.timeS + decode.timeS - computeBoundS +
      smallOpsTrafficS + (collectivesS - collectiveLatencyS) + (pipelineS - sendLatencyS) + dataflowS;
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
}

/** The roofline step cost model of a placement (see createStepBreakdown for the model). */
export function createRooflineCost(placement: CostLayout, profile: EngineProfile): StepCostModel {
  const breakdown = createStepBreakdown(placement, profile);
  const scratch = emptyBreakdown();
  const slot: StepCostSlot = { durationS: 0, computeBoundFraction: 0, memoryBoundFraction: 0 };
  function priceInto(shape: StepShape, into: StepCostSlot): void {
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
  };
}
