import { supportedPrecisions } from "../devices/types.ts";
import { formatCount, formatGB } from "../format.ts";
import { denseFfnLayers, moeLayers, weightBytes } from "../models/derived.ts";
import type { ModelSpec } from "../models/types.ts";
import { bytesPerParam, type Precision } from "../precision.ts";
import { shardShape, type ShardShape } from "../sharding.ts";
import { contextTokensOf, DEFAULT_ACTIVATION_TOKENS, fail, type Placement, type PlacementInput } from "./types.ts";

/** Sampled rows whose fp32 logits the activation reserve holds (vLLM's default max_num_seqs). */
const LOGIT_ROWS = 256;
const LOGIT_BYTES = 4;
/** Activations are 16-bit. */
const ACTIVATION_BYTES = 2;

/** Per-device bytes of activations for one forward pass of `tokens` tokens, plus sampled logits. */
function activationReserveBytes(model: ModelSpec, shard: ShardShape, tokens: number): number {
  const moe = model.moe;
  const ffnWidth =
    moe === undefined
      ? model.ffnSize / shard.tensorParallel
      : Math.max(
          model.ffnSize / shard.tensorParallel,
          ((moe.activeExperts + moe.sharedExperts) * moe.expertFfnSize) / shard.tensorParallel,
        );
  const qkvWidth = (shard.qHeadsPerDevice + 2 * shard.kvHeadsPerDevice) * model.headDim;
  const perToken = ACTIVATION_BYTES * (4 * model.hiddenSize + qkvWidth + 3 * ffnWidth);
  const logits = LOGIT_ROWS * (model.vocab / shard.tensorParallel) * LOGIT_BYTES;
  return tokens * perToken + logits;
}

/** Parameters held by the fullest device of a GPU-like replica. */
function paramsPerDevice(model: ModelSpec, shard: ShardShape, layersPerStage: number, stages: number): number {
  const dense = denseFfnLayers(model) > 0 ? shard.attentionParamsPerDevice + shard.denseFfnParamsPerDevice : 0;
  const moe = moeLayers(model) > 0 ? shard.attentionParamsPerDevice + shard.moeFfnParamsPerDevice : 0;
  const norms = (2 * layersPerStage + 1) * model.hiddenSize;
  // The first stage holds the embedding, the last the LM head; with one stage, both.
  const embeddings = (model.tiedEmbeddings || stages > 1 ? 1 : 2) * shard.lmHeadParamsPerDevice;
  return layersPerStage * Math.max(dense, moe) + norms + embeddings;
}

interface Fit {
  readonly weightBytesPerDevice: number;
  readonly activationReserveBytesPerDevice: number;
  readonly kvFreeBytesPerDevice: number;
  readonly kvBytesPerTokenPerDevice: number;
  readonly kvCapacityBlocks: number;
}

function gpuFit(input: PlacementInput, t: number, p: number, weightPrecision: Precision): Fit {
  const { model, device } = input;
  const shard = shardShape(model, t);
  const layersPerStage = Math.ceil(model.layers / p);
  const weightBytesPerDevice = paramsPerDevice(model, shard, layersPerStage, p) * bytesPerParam(weightPrecision);
  const activation = activationReserveBytes(model, shard, input.activationTokens ?? DEFAULT_ACTIVATION_TOKENS);
  const usable = device.memoryBytes * input.memoryUtilization;
  const kvFree = usable - weightBytesPerDevice - activation;
  const kvPerToken = layersPerStage * shard.kvValuesPerTokenPerLayerPerDevice * bytesPerParam(input.kvPrecision);
  const blocks = kvFree > 0 ? Math.floor(kvFree / (kvPerToken * input.kvBlockSizeTokens)) : 0;
  return {
    weightBytesPerDevice,
    activationReserveBytesPerDevice: activation,
    kvFreeBytesPerDevice: kvFree,
    kvBytesPerTokenPerDevice: kvPerToken,
    kvCapacityBlocks: blocks,
  };
}

function fits(fit: Fit, blockSize: number, contextTokens: number): boolean {
  return fit.kvFreeBytesPerDevice > 0 && fit.kvCapacityBlocks * blockSize >= contextTokens;
}

/** Does TP `t` split the model's heads (vLLM's rule)? */
function validTp(model: ModelSpec, t: number): boolean {
  if (model.qHeads % t !== 0) return false;
  return model.mla !== undefined || model.kvHeads % t === 0 || t % model.kvHeads === 0;
}

/**
 * Ways out of a failed GPU fit, first found of each kind: a larger TP within one node, a narrower precision
 * the device computes, and only when neither works, more pipeline stages (across nodes).
 */
function suggestions(input: PlacementInput, contextTokens: number): string {
  const { model, device, tensorParallel: t, pipelineParallel: p, weightPrecision } = input;
  const blockSize = input.kvBlockSizeTokens;
  const options: string[] = [];
  for (let tp = t * 2; tp <= device.node.devicesPerNode; tp *= 2) {
    if (validTp(model, tp) && fits(gpuFit(input, tp, p, weightPrecision), blockSize, contextTokens)) {
      options.push(`TP≥${tp}`);
      break;
    }
  }
  const narrower = supportedPrecisions(device)
    .filter((q) => bytesPerParam(q) < bytesPerParam(weightPrecision))
    .sort((a, b) => bytesPerParam(b) - bytesPerParam(a));
  for (const q of narrower) {
    if (fits(gpuFit(input, t, p, q), blockSize, contextTokens)) {
      options.push(q);
      break;
    }
  }
  if (options.length === 0) {
    for (let pp = p + 1; pp <= model.layers; pp++) {
      if (fits(gpuFit(input, t, pp, weightPrecision), blockSize, contextTokens)) {
        options.push(`PP≥${pp}`);
        break;
      }
    }
  }
  return options.length > 0 ? `use ${options.join(" or ")}` : "use a device with more memory";
}

/** Place on GPU-like devices: weights and KV in HBM/GDDR, TP and PP exactly as given. */
export function placeGpu(input: PlacementInput): Placement {
  const { model, device, tensorParallel: t, pipelineParallel: p, weightPrecision: wp } = input;
  const contextTokens = contextTokensOf(input);
  const fit = gpuFit(input, t, p, wp);
  const usable = device.memoryBytes * input.memoryUtilization;
  const where = `${device.name} TP${t} PP${p}`;
  if (fit.kvFreeBytesPerDevice <= 0) {
    fail(
      `${model.name} ${wp} needs ${formatGB(weightBytes(model, wp))} GB of weights, ` +
        `${formatGB(fit.weightBytesPerDevice)} GB per device on ${where} ` +
        `(+ ${formatGB(fit.activationReserveBytesPerDevice)} GB of activations); ` +
        `${device.name} has ${formatGB(device.memoryBytes)} GB, ${formatGB(usable)} GB usable at memoryUtilization ` +
        `${input.memoryUtilization}: ${suggestions(input, contextTokens)}`,
    );
  }
  const capacityTokens = fit.kvCapacityBlocks * input.kvBlockSizeTokens;
  if (capacityTokens < contextTokens) {
    fail(
      `${model.name} ${wp} on ${where} leaves ${formatGB(fit.kvFreeBytesPerDevice)} GB per device for the KV cache: ` +
        `${formatCount(capacityTokens)} tokens, less than one ${formatCount(contextTokens)}-token context: ` +
        `set maxContextTokens ≤ ${formatCount(capacityTokens)}, or ${suggestions(input, contextTokens)}`,
    );
  }
  const shard = shardShape(model, t);
  const devices = t * p;
  return {
    input,
    devicesPerReplica: devices,
    tensorParallel: t,
    pipelineParallel: p,
    layersPerStage: Math.ceil(model.layers / p),
    sramOnly: false,
    shard,
    weightBytesTotal: weightBytes(model, wp),
    weightBytesPerDevice: fit.weightBytesPerDevice,
    usableBytesPerDevice: usable,
    activationReserveBytesPerDevice: fit.activationReserveBytesPerDevice,
    kvFreeBytesPerDevice: fit.kvFreeBytesPerDevice,
    kvBytesPerTokenPerDevice: fit.kvBytesPerTokenPerDevice,
    kvBytesPerTokenReplica: model.layers * shard.kvValuesPerTokenPerLayerPerDevice * t * bytesPerParam(input.kvPrecision),
    kvCapacityTokens: capacityTokens,
    kvCapacityBlocks: fit.kvCapacityBlocks,
    maxContextTokens: contextTokens,
    nodesPerReplica: Math.ceil(devices / device.node.devicesPerNode),
  };
}

