import { bytesPerParam, type Precision } from "../precision.ts";
import type { ModelSpec } from "./types.ts";

/** Parameters of one layer's attention block: Q, K, V and output projections (plus MLA's low-rank parts). */
export function attentionParamsPerLayer(model: ModelSpec): number {
  const d = model.hiddenSize;
  const mla = model.mla;
  if (mla !== undefined) {
    const qkHeadDim = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    const q =
      mla.qLoraRank > 0
        ? d * mla.qLoraRank + mla.qLoraRank + mla.qLoraRank * model.qHeads * qkHeadDim
        : d * model.qHeads * qkHeadDim;
    const kvA = d * (mla.kvLoraRank + mla.qkRopeHeadDim) + mla.kvLoraRank;
    const kvB = mla.kvLoraRank * model.qHeads * (mla.qkNopeHeadDim + mla.vHeadDim);
    const out = model.qHeads * mla.vHeadDim * d;
    return q + kvA + kvB + out;
  }
  const qkvWidth = (model.qHeads + 2 * model.kvHeads) * model.headDim;
  const bias = model.qkvBias ? qkvWidth : 0;
  return d * qkvWidth + bias + model.qHeads * model.headDim * d;
}

/** Parameters of one gated (SwiGLU) MLP of intermediate size `ffnSize`. */
export function gatedMlpParams(hiddenSize: number, ffnSize: number): number {
  return 3 * hiddenSize * ffnSize;
}

/** Layers whose FFN is dense (all of them without MoE). */
export function denseFfnLayers(model: ModelSpec): number {
  return model.moe === undefined ? model.layers : model.moe.denseLayers;
}

/** Layers whose FFN is a mixture of experts. */
export function moeLayers(model: ModelSpec): number {
  return model.layers - denseFfnLayers(model);
}

/** Parameters of one expert (0 without MoE). */
export function expertParams(model: ModelSpec): number {
  return model.moe === undefined ? 0 : gatedMlpParams(model.hiddenSize, model.moe.expertFfnSize);
}

/** Router (gate) parameters of one MoE layer. */
export function routerParamsPerLayer(model: ModelSpec): number {
  return model.moe === undefined ? 0 : model.hiddenSize * model.moe.experts;
}

/** Embedding plus LM head parameters (one matrix when tied). */
export function embeddingParams(model: ModelSpec): number {
  return model.vocab * model.hiddenSize * (model.tiedEmbeddings ? 1 : 2);
}

/** LM head parameters (the matrix multiplied once per sampled token). */
export function lmHeadParams(model: ModelSpec): number {
  return model.vocab * model.hiddenSize;
}

function normParams(model: ModelSpec): number {
  return (2 * model.layers + 1) * model.hiddenSize;
}

function ffnParams(model: ModelSpec, routedExperts: number): number {
  const dense = denseFfnLayers(model) * gatedMlpParams(model.hiddenSize, model.ffnSize);
  if (model.moe === undefined) return dense;
  const perMoeLayer = (routedExperts + model.moe.sharedExperts) * expertParams(model) + routerParamsPerLayer(model);
  return dense + moeLayers(model) * perMoeLayer;
}

/** Total parameters (the stored weights). */
export function paramCount(model: ModelSpec): number {
  return (
    model.layers * attentionParamsPerLayer(model) +
    ffnParams(model, model.moe?.experts ?? 0) +
    embeddingParams(model) +
    normParams(model)
  );
}

/** Parameters one token passes through: MoE layers count only the active and shared experts. */
export function activeParamCount(model: ModelSpec): number {
  return (
    model.layers * attentionParamsPerLayer(model) +
    ffnParams(model, model.moe?.activeExperts ?? 0) +
    embeddingParams(model) +
    normParams(model)
  );
}

/** KV-cache values stored per token per layer: K and V per KV head, or MLA's latent plus RoPE key. */
export function kvValuesPerTokenPerLayer(model: ModelSpec): number {
  const mla = model.mla;
  if (mla !== undefined) return mla.kvLoraRank + mla.qkRopeHeadDim;
  return 2 * model.kvHeads * model.headDim;
}

/** KV-cache bytes per token over all layers, in `kvPrecision`. */
export function kvBytesPerToken(model: ModelSpec, kvPrecision: Precision): number {
  return model.layers * kvValuesPerTokenPerLayer(model) * bytesPerParam(kvPrecision);
}

/** Bytes of all weights in `weightPrecision` (norms and everything else at the same width). */
export function weightBytes(model: ModelSpec, weightPrecision: Precision): number {
  return paramCount(model) * bytesPerParam(weightPrecision);
}
