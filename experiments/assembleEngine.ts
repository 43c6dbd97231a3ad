import { resolveProfile } from "../hardware/cost/profiles.ts";
import { createRooflineCost } from "../hardware/cost/roofline.ts";
import type { DeviceSpec } from "../hardware/devices/types.ts";
import { MODELS } from "../hardware/models/catalog.ts";
import type { ModelSpec } from "../hardware/models/types.ts";
import { place, PlacementError } from "../hardware/placement.ts";
import type { Placement } from "../hardware/placement.ts";
import { GiB } from "../hardware/units.ts";
import { kvAllocationPolicies } from "../policies/registry.ts";
import type { StepCostModel } from "../sim/ports.ts";
import type { ReplicaEngine } from "../sim/replicaEngine.ts";
import type { RandomStreams } from "../sim/rng.ts";
import type { SpeculativeSpec } from "../sim/speculative.ts";
import { InputError } from "./errors.ts";
import { placementInput } from "./placementInput.ts";
import type { SpeculativeConfig } from "./schema/engineSchema.ts";
import { createPolicy } from "./schema/policyUnion.ts";
import type { PoolConfig } from "./schema/scenario.ts";

/** What the engine options of a pool are built from (a subset of `ResolvedPool`). */
export interface EnginePool {
  readonly config: PoolConfig;
  readonly device: DeviceSpec;
  readonly placement: Placement;
}

/** The draft model of a speculative pool, placed on the pool's devices like its target; undefined without one. */
function placeDraft(config: PoolConfig, device: DeviceSpec, path: string): Placement | undefined {
  const draft = config.speculative?.draftModel;
  if (draft === undefined) return undefined;
  let model: ModelSpec;
  if (typeof draft === "string") {
    const found = MODELS[draft];
    if (found === undefined) throw new InputError(`${path}.speculative.draftModel: unknown model '${draft}'; see 'infersim catalog models'`);
    model = found;
  } else {
    model = draft;
  }
  try {
    return place(placementInput(config, device, model));
  } catch (e) {
    if (e instanceof PlacementError) throw new InputError(`${path}.speculative.draftModel: ${e.message}`);
    throw e;
  }
}

/**
 * KV blocks the draft model's weights take from the target's cache (0 without a draft model). Its own small
 * KV cache is not counted.
 */
export function draftWeightBlocks(config: PoolConfig, device: DeviceSpec, placement: Placement, path: string): number {
  const draft = placeDraft(config, device, path);
  if (draft === undefined) return 0;
  const bytesPerBlock = placement.kvBytesPerTokenPerDevice * config.kv.blockSizeTokens;
  const blocks = Math.ceil(draft.weightBytesPerDevice / bytesPerBlock);
  if (blocks >= placement.kvCapacityBlocks) {
    throw new InputError(`${path}.speculative.draftModel: the draft's weights leave no KV cache for the target`);
  }
  return blocks;
}

/** A cost model scaled by `fraction` (a draft that costs a share of a target decode step). */
function scaledCost(model: StepCostModel, fraction: number): StepCostModel {
  return {
    stepCost(shape) {
      const c = model.stepCost(shape);
      return { durationS: c.durationS * fraction, computeBoundFraction: c.computeBoundFraction };
    },
  };
}

const FREE_DRAFT: StepCostModel = { stepCost: () => ({ durationS: 0, computeBoundFraction: 0 }) };

function draftCostModel(pool: EnginePool, spec: SpeculativeConfig, target: StepCostModel, path: string): StepCostModel {
  const draft = placeDraft(pool.config, pool.device, path);
  if (draft !== undefined) {
    const cost = pool.config.costModel;
    const profile = cost.kind === "roofline" ? resolveProfile(cost.profile, cost.overrides) : resolveProfile("vllm-2023", {});
    return createRooflineCost(draft, profile);
  }
  const fraction = spec.draftCostFraction ?? 0;
  return fraction === 0 ? FREE_DRAFT : scaledCost(target, fraction);
}

/**
 * The engine features of each replica of a pool: KV allocation, prefix caching, swap space on the host (its
 * copies priced at one direction of the device's host link, each device moving its own KV shard), and
 * speculative decoding with acceptance drawn from the replica's `speculative/<replica>` stream.
 */
export function engineFactory(
  pool: EnginePool,
  poolIndex: number,
  random: RandomStreams,
  cost: (replica: number) => StepCostModel,
): (replica: number) => ReplicaEngine {
  const c = pool.config;
  const path = `cluster.pools[${poolIndex}]`;
  const bytesPerBlockPerDevice = pool.placement.kvBytesPerTokenPerDevice * c.kv.blockSizeTokens;
  const swap =
    c.preemption.mode === "swap"
      ? {
          capacityBlocks: Math.floor((c.preemption.swapSpaceGiB * GiB) / bytesPerBlockPerDevice),
          secondsPerBlock: bytesPerBlockPerDevice / (pool.device.hostLink.bandwidthBytesPerS / 2),
        }
      : undefined;
  return (replica) => {
    const spec = c.speculative;
    const speculative: SpeculativeSpec | undefined =
      spec === undefined
        ? undefined
        : {
            k: spec.k,
            acceptanceRate: spec.acceptanceRate,
            draftCost: draftCostModel(pool, spec, cost(replica), path),
            uniform: random.stream(`speculative/${replica}`),
          };
    return {
      allocation: createPolicy(kvAllocationPolicies, c.kv.allocator, {
        stream: (name) => random.stream(`kv/${replica}/${name}`),
        poolNames: [],
      }),
      prefixCaching: c.kv.prefixCaching,
      preemptionMode: c.preemption.mode,
      ...(swap === undefined ? {} : { swap }),
      ...(speculative === undefined ? {} : { speculative }),
      maxContextTokens: pool.placement.maxContextTokens,
    };
  };
}
