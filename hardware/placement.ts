import { isSramOnly, supportedPrecisions } from "./devices/types.ts";
import { placeGpu } from "./placement/gpu.ts";
import { placeSram } from "./placement/sram.ts";
import { fail, type Placement, type PlacementInput } from "./placement/types.ts";
import { bytesPerParam } from "./precision.ts";

export { DEFAULT_ACTIVATION_TOKENS, PlacementError, type Placement, type PlacementInput } from "./placement/types.ts";

function checkInput(input: PlacementInput): void {
  const { device, model, tensorParallel: t, pipelineParallel: p } = input;
  if (!Number.isInteger(t) || t < 1) fail(`tensorParallel must be a positive integer, got ${t}`);
  if (!Number.isInteger(p) || p < 1) fail(`pipelineParallel must be a positive integer, got ${p}`);
  if (!(input.memoryUtilization > 0 && input.memoryUtilization <= 1)) {
    fail(`memoryUtilization must be in (0, 1], got ${input.memoryUtilization}`);
  }
  if (!Number.isInteger(input.kvBlockSizeTokens) || input.kvBlockSizeTokens < 1) {
    fail(`kvBlockSizeTokens must be a positive integer, got ${input.kvBlockSizeTokens}`);
  }
  const maxContext = input.maxContextTokens;
  if (maxContext !== undefined && (!Number.isInteger(maxContext) || maxContext < 1)) {
    fail(`maxContextTokens must be a positive integer, got ${maxContext}`);
  }
  const supported = supportedPrecisions(device);
  if (!supported.includes(input.weightPrecision)) {
    fail(`${device.name} has no ${input.weightPrecision} support; it computes ${supported.join(", ")}`);
  }
  // KV is stored and dequantized on the fly: 16- and 8-bit storage works everywhere, narrower needs support.
  if (bytesPerParam(input.kvPrecision) < 1 && !supported.includes(input.kvPrecision)) {
    fail(`${device.name} has no ${input.kvPrecision} support for the KV cache; use fp16, bf16, fp8 or int8`);
  }
  // SRAM-only devices slice the model freely (placement/sram.ts); GPUs split heads and whole layers.
  if (isSramOnly(device)) return;
  if (model.qHeads % t !== 0) fail(`TP${t} must divide ${model.name}'s ${model.qHeads} query heads`);
  if (model.mla === undefined && model.kvHeads % t !== 0 && t % model.kvHeads !== 0) {
    fail(`TP${t} must divide, or be a multiple of, ${model.name}'s ${model.kvHeads} KV heads`);
  }
  if (p > model.layers) fail(`PP${p} exceeds ${model.name}'s ${model.layers} layers`);
}

/**
 * Place a model on devices: check the configuration, size weights, activation reserve and KV cache per
 * device, and fail with a user-facing PlacementError when the model does not fit with room for one full
 * context (vLLM refuses to start in that case too).
 */
export function place(input: PlacementInput): Placement {
  checkInput(input);
  return isSramOnly(input.device) ? placeSram(input) : placeGpu(input);
}
