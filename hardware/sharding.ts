import {
  attentionParamsPerLayer,
  expertParams,
  gatedMlpParams,
  kvValuesPerTokenPerLayer,
  lmHeadParams,
  routerParamsPerLayer,
} from "./models/derived.ts";
import type { ModelSpec } from "./models/types.ts";

/**
 * How one layer splits over `tensorParallel` devices (Megatron-style, as vLLM does it): attention by heads,
 * FFN and experts by columns/rows, LM head by vocabulary. K/V heads are replicated once TP exceeds their
 * count; MLA's low-rank down-projections and latent KV are replicated on every device; the MoE router is
 * replicated.
 */
export interface ShardShape {
  readonly tensorParallel: number;
  readonly qHeadsPerDevice: number;
  /** K/V heads held per device (at least 1: replicated beyond the model's KV head count). */
  readonly kvHeadsPerDevice: number;
  /** One layer's attention parameters held per device. */
  readonly attentionParamsPerDevice: number;
  /** One dense FFN layer's parameters per device. */
  readonly denseFfnParamsPerDevice: number;
  /** One expert's parameters per device (0 without MoE). */
  readonly expertParamsPerDevice: number;
  /** One MoE layer's router parameters per device (replicated). */
  readonly routerParamsPerDevice: number;
  /** One MoE layer's parameters per device: every routed and shared expert plus the router. */
  readonly moeFfnParamsPerDevice: number;
  /** KV-cache values per token per layer held per device. */
  readonly kvValuesPerTokenPerLayerPerDevice: number;
  /** LM head (and embedding) parameters per device. */
  readonly lmHeadParamsPerDevice: number;
}

function mlaReplicatedParams(model: ModelSpec): number {
  const mla = model.mla;
  if (mla === undefined) return 0;
  const d = model.hiddenSize;
  const qDown = mla.qLoraRank > 0 ? d * mla.qLoraRank + mla.qLoraRank : 0;
  const kvDown = d * (mla.kvLoraRank + mla.qkRopeHeadDim) + mla.kvLoraRank;
  return qDown + kvDown;
}

function attentionParamsPerDevice(model: ModelSpec, tensorParallel: number, kvHeadsPerDevice: number): number {
  if (model.mla !== undefined) {
    const replicated = mlaReplicatedParams(model);
    return replicated + (attentionParamsPerLayer(model) - replicated) / tensorParallel;
  }
  const d = model.hiddenSize;
  const qWidth = (model.qHeads / tensorParallel) * model.headDim;
  const kvWidth = 2 * kvHeadsPerDevice * model.headDim;
  const bias = model.qkvBias ? qWidth + kvWidth : 0;
  return d * (qWidth + kvWidth) + bias + qWidth * d;
}

/** The per-device shape of `model` at tensor parallelism `tensorParallel` (assumed valid; see placement). */
export function shardShape(model: ModelSpec, tensorParallel: number): ShardShape {
  const t = tensorParallel;
  const kvHeadsPerDevice = model.mla !== undefined ? model.qHeads / t : Math.max(1, model.kvHeads / t);
  const moe = model.moe;
  const expertPerDevice = expertParams(model) / t;
  const routerPerDevice = routerParamsPerLayer(model);
  const moeFfn =
    moe === undefined ? 0 : (moe.experts + moe.sharedExperts) * expertPerDevice + routerPerDevice;
  const kvPerLayer = kvValuesPerTokenPerLayer(model);
  return {
    tensorParallel: t,
    qHeadsPerDevice: model.qHeads / t,
    kvHeadsPerDevice,
    attentionParamsPerDevice: attentionParamsPerDevice(model, t, kvHeadsPerDevice),
    denseFfnParamsPerDevice: gatedMlpParams(model.hiddenSize, model.ffnSize) / t,
    expertParamsPerDevice: expertPerDevice,
    routerParamsPerDevice: routerPerDevice,
    moeFfnParamsPerDevice: moeFfn,
    kvValuesPerTokenPerLayerPerDevice:
      model.mla !== undefined ? kvPerLayer : 2 * kvHeadsPerDevice * model.headDim,
    lmHeadParamsPerDevice: lmHeadParams(model) / t,
  };
}
