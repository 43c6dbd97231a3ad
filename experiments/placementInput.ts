import type { DeviceSpec } from "../hardware/devices/types.ts";
import type { ModelSpec } from "../hardware/models/types.ts";
import type { PlacementInput } from "../hardware/placement.ts";
import type { PoolConfig } from "./schema/scenario.ts";

/** What placement needs of a pool's configuration, for `model` on `device`. */
export function placementInput(config: PoolConfig, device: DeviceSpec, model: ModelSpec): PlacementInput {
  return {
    device,
    model,
    tensorParallel: config.tensorParallel,
    pipelineParallel: config.pipelineParallel,
    weightPrecision: config.weightPrecision,
    kvPrecision: config.kvPrecision,
    memoryUtilization: config.kv.memoryUtilization,
    ...(config.maxContextTokens === undefined ? {} : { maxContextTokens: config.maxContextTokens }),
    kvBlockSizeTokens: config.kv.blockSizeTokens,
  };
}

