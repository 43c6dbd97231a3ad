import type { DeviceSpec } from "../devices/types.ts";
import type { ModelSpec } from "../models/types.ts";
import type { Precision } from "../precision.ts";
import type { ShardShape } from "../sharding.ts";

/** Default activation reserve, in tokens of one forward pass (vLLM's max_num_batched_tokens). */
export const DEFAULT_ACTIVATION_TOKENS = 8192;

/** What to place: a model on a group of identical devices. */
export interface PlacementInput {
  readonly device: DeviceSpec;
  readonly model: ModelSpec;
  /**
   * GPU-like devices: devices per tensor-parallel group (≤ a node's devices keeps it on the scale-up link).
   * SRAM-only devices (LPU, wafer): devices per pipeline stage sharing each slice of the model; 1 means the
   * device's calibrated stage width (`dataflow.stageDevices`: 8 chips for Groq, 1 wafer for Cerebras).
   */
  readonly tensorParallel: number;
  /**
   * GPU-like devices: pipeline stages, exactly. SRAM-only devices: the minimum number of stages; placement
   * raises it to the smallest count whose SRAM holds the weights plus one full context of KV. So 1 means
   * "derive the chip or wafer count".
   */
  readonly pipelineParallel: number;
  readonly weightPrecision: Precision;
  readonly kvPrecision: Precision;
  /** Share of device memory the engine may use, as vLLM's gpu_memory_utilization (0.9 is its default). */
  readonly memoryUtilization: number;
  readonly kvBlockSizeTokens: number;
  /** Longest context served (vLLM's --max-model-len); default and upper bound: the model's maximum. */
  readonly maxContextTokens?: number;
  /** Tokens of one forward pass the activation reserve is sized for; default DEFAULT_ACTIVATION_TOKENS. */
  readonly activationTokens?: number;
}

/** Where the model lives and how much KV cache is left. Sizes are per device unless named otherwise. */
export interface Placement {
  readonly input: PlacementInput;
  readonly devicesPerReplica: number;
  readonly tensorParallel: number;
  /** Pipeline stages (derived on SRAM-only devices). */
  readonly pipelineParallel: number;
  /** Layers per stage on the fullest stage (fractional on SRAM-only devices, whose compiler slices layers). */
  readonly layersPerStage: number;
  readonly sramOnly: boolean;
  readonly shard: ShardShape;
  /** All weights of one replica. */
  readonly weightBytesTotal: number;
  readonly weightBytesPerDevice: number;
  readonly usableBytesPerDevice: number;
  readonly activationReserveBytesPerDevice: number;
  /** Memory left for the KV cache on the fullest device. */
  readonly kvFreeBytesPerDevice: number;
  readonly kvBytesPerTokenPerDevice: number;
  /** KV bytes per token summed over the whole replica (replicated copies included). */
  readonly kvBytesPerTokenReplica: number;
  readonly kvCapacityTokens: number;
  readonly kvCapacityBlocks: number;
  readonly maxContextTokens: number;
  /** Nodes a replica spans. */
  readonly nodesPerReplica: number;
}

/** The model does not fit, or the configuration is invalid. The message is for the user. */
export class PlacementError extends Error {
  override readonly name = "PlacementError";
}

/** Throw a PlacementError. */
export function fail(message: string): never {
  throw new PlacementError(message);
}

/** The longest context served: the input's cap, never beyond the model's maximum. */
export function contextTokensOf(input: PlacementInput): number {
  return Math.min(input.maxContextTokens ?? input.model.maxContextTokens, input.model.maxContextTokens);
}
