import { denseFfnLayers, moeLayers } from "../models/derived.ts";
import type { DeviceSpec } from "../devices/types.ts";
import type { ModelSpec } from "../models/types.ts";
import { bytesPerParam, type Precision } from "../precision.ts";
import { shardShape, type ShardShape } from "../sharding.ts";

/**
 * What a cost model needs of a placement. A `Placement` is one; `costLayout` builds one without the fit
 * check, to price a single layer of a model that would not fit (as the calibration does).
 */
export interface CostLayout {
  readonly input: {
    readonly device: DeviceSpec;
    readonly model: ModelSpec;
    readonly weightPrecision: Precision;
    readonly kvPrecision: Precision;
  };
  readonly tensorParallel: number;
  readonly pipelineParallel: number;
  readonly shard: ShardShape;
}

/** A layout of `model` on `device` at TP `tensorParallel` × PP `pipelineParallel`, unchecked. */
export function costLayout(
  device: DeviceSpec,
  model: ModelSpec,
  tensorParallel: number,
  pipelineParallel: number,
  weightPrecision: Precision,
  kvPrecision: Precision,
): CostLayout {
  return {
    input: { device, model, weightPrecision, kvPrecision },
    tensorParallel,
    pipelineParallel,
    shard: shardShape(model, tensorParallel),
  };
}

/**
 * The per-device sizes a step's cost needs, computed once per placement. "Per device" means one device of
 * a tensor-parallel group; summing over pipeline stages, one device per stage sees every layer once, so a
 * step's device work is `layers` × the per-layer figures below.
 */
export interface StepGeometry {
  readonly layers: number;
  readonly denseLayers: number;
  readonly moeLayers: number;
  readonly hiddenSize: number;
  readonly weightBytesPerParam: number;
  /** Parameters of one dense layer (attention + FFN) per device. */
  readonly denseLayerParams: number;
  /** Parameters of a MoE layer read whatever the routing: attention, router, shared experts. */
  readonly moeFixedParams: number;
  /** Parameters of a MoE layer one token computes with: fixed part plus its routed experts. */
  readonly moeActiveParamsPerToken: number;
  readonly expertParams: number;
  readonly experts: number;
  readonly activeExperts: number;
  readonly lmHeadParams: number;
  /** Elements read and written per token per layer by the GEMMs (inputs and outputs). */
  readonly gemmActivationWidth: number;
  /** Elements read and written per token per layer by norms, RoPE, activation and residual adds. */
  readonly elementwiseWidth: number;
  readonly gemmKernelsDenseLayer: number;
  readonly gemmKernelsMoeLayer: number;
  /** Attention FLOPs per (query, key) pair per layer per device, prefill and decode. */
  readonly prefillFlopsPerPair: number;
  readonly decodeFlopsPerPair: number;
  /** KV-cache bytes per token per layer per device. */
  readonly kvBytesPerTokenPerLayer: number;
  /** Query width per device (elements), for attention inputs and outputs. */
  readonly qWidth: number;
}

export function stepGeometry(placement: CostLayout): StepGeometry {
  const { model } = placement.input;
  const shard = placement.shard;
  const moe = model.moe;
  const mla = model.mla;
  const d = model.hiddenSize;
  const ffnDense = model.ffnSize / shard.tensorParallel;
  const activeFfn =
    moe === undefined ? ffnDense : ((moe.activeExperts + moe.sharedExperts) * moe.expertFfnSize) / shard.tensorParallel;
  const qWidth = shard.qHeadsPerDevice * (mla === undefined ? model.headDim : mla.qkNopeHeadDim + mla.qkRopeHeadDim);
  const kvWidth = mla === undefined ? 2 * shard.kvHeadsPerDevice * model.headDim : mla.kvLoraRank + mla.qkRopeHeadDim;
  const moeFixed =
    moe === undefined
      ? 0
      : shard.attentionParamsPerDevice + shard.routerParamsPerDevice + moe.sharedExperts * shard.expertParamsPerDevice;
  // Per (query, key) pair and head: Q·K and P·V, 2 FLOPs per multiply-add. MLA prefill runs with expanded
  // heads (192-wide Q/K, 128-wide V); MLA decode runs absorbed against the 512 + 64 latent.
  const prefillPerHead = mla === undefined ? 4 * model.headDim : 2 * (mla.qkNopeHeadDim + mla.qkRopeHeadDim) + 2 * mla.vHeadDim;
  const decodePerHead = mla === undefined ? 4 * model.headDim : 2 * (mla.kvLoraRank + mla.qkRopeHeadDim) + 2 * mla.kvLoraRank;
  const attentionGemms = mla === undefined ? 2 : 5;
  return {
    layers: model.layers,
    denseLayers: denseFfnLayers(model),
    moeLayers: moeLayers(model),
    hiddenSize: d,
    weightBytesPerParam: bytesPerParam(placement.input.weightPrecision),
    denseLayerParams: shard.attentionParamsPerDevice + shard.denseFfnParamsPerDevice,
    moeFixedParams: moeFixed,
    moeActiveParamsPerToken: moe === undefined ? 0 : moeFixed + moe.activeExperts * shard.expertParamsPerDevice,
    expertParams: shard.expertParamsPerDevice,
    experts: moe?.experts ?? 0,
    activeExperts: moe?.activeExperts ?? 0,
    lmHeadParams: shard.lmHeadParamsPerDevice,
    gemmActivationWidth: 4 * d + qWidth + kvWidth + qWidth + 3 * activeFfn,
    elementwiseWidth: 10 * d + 3 * activeFfn + 2 * (qWidth + kvWidth),
    gemmKernelsDenseLayer: attentionGemms + 2,
    gemmKernelsMoeLayer: attentionGemms + 3 + (moe !== undefined && moe.sharedExperts > 0 ? 2 : 0),
    prefillFlopsPerPair: shard.qHeadsPerDevice * prefillPerHead,
    decodeFlopsPerPair: shard.qHeadsPerDevice * decodePerHead,
    kvBytesPerTokenPerLayer: shard.kvValuesPerTokenPerLayerPerDevice * bytesPerParam(placement.input.kvPrecision),
    qWidth,
  };
}
