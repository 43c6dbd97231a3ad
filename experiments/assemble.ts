import { DEVICES } from "../hardware/devices/catalog.ts";
import type { DeviceSpec } from "../hardware/devices/types.ts";
import { exponentialCost, fixedCost } from "../hardware/cost/fixed.ts";
import { resolveProfile } from "../hardware/cost/profiles.ts";
import { createRooflineCost } from "../hardware/cost/roofline.ts";
import { createTableCost } from "../hardware/cost/table.ts";
import type { StepTable } from "../hardware/cost/table.ts";
import { MODELS } from "../hardware/models/catalog.ts";
import type { ModelSpec } from "../hardware/models/types.ts";
import { place, PlacementError } from "../hardware/placement.ts";
import type { Placement } from "../hardware/placement.ts";
import { placementInput } from "./placementInput.ts";
import { kvBytesPerToken } from "../hardware/models/derived.ts";
import {
  admissionPolicies,
  autoscalingPolicies,
  batchingPolicies,
  orderPolicies,
  routerPolicies,
  victimPolicies,
} from "../policies/registry.ts";
import { Cluster } from "../sim/cluster.ts";
import type { ClusterSpec, KvLinkSpec, PoolSpec } from "../sim/cluster.ts";
import type { StepCostModel } from "../sim/ports.ts";
import type { RandomStreams } from "../sim/rng.ts";
import { Simulation } from "../sim/simulation.ts";
import { draftWeightBlocks, engineFactory } from "./assembleEngine.ts";
import { InputError } from "./errors.ts";
import { cappedCost } from "./results/energyPools.ts";
import { closest } from "./schema/didYouMean.ts";
import { checkContext } from "./schema/contextCheck.ts";
import { createPolicy } from "./schema/policyUnion.ts";
import type { PolicyConfig, PolicyEnv } from "./schema/policyUnion.ts";
import type { Router } from "../sim/routing.ts";
import type { PoolConfig, Scenario } from "./schema/scenario.ts";
import { createRequestSource } from "./workload/source.ts";
import type { Trace } from "./workload/trace.ts";

/** Files a scenario refers to, loaded beforehand (see `io/loadResources.ts`), so assembly stays pure. */
export interface Resources {
  readonly traces: ReadonlyMap<string, Trace>;
  readonly stepTables: ReadonlyMap<string, StepTable>;
}

export const NO_RESOURCES: Resources = { traces: new Map(), stepTables: new Map() };

/** A pool after its device, model and placement are resolved. */
export interface ResolvedPool {
  readonly name: string;
  readonly config: PoolConfig;
  readonly device: DeviceSpec;
  readonly model: ModelSpec;
  readonly placement: Placement;
  readonly kvTotalBlocks: number;
}

function lookUp<T>(catalog: Readonly<Record<string, T>>, name: string, what: string, path: string): T {
  const found = catalog[name];
  if (found !== undefined) return found;
  const guess = closest(name, Object.keys(catalog));
  const hint = guess === undefined ? "" : ` did you mean '${guess}'?`;
  throw new InputError(`${path}: unknown ${what} '${name}';${hint} see 'infersim catalog ${what}s'`);
}

/** Resolve device, model and placement of every pool; a model that does not fit is an input error. */
export function resolvePools(scenario: Scenario): ResolvedPool[] {
  return scenario.cluster.pools.map((config, i) => {
    const path = `cluster.pools[${i}]`;
    const device =
      typeof config.device === "string" ? lookUp(DEVICES, config.device, "device", `${path}.device`) : config.device;
    const model =
      typeof config.model === "string" ? lookUp(MODELS, config.model, "model", `${path}.model`) : config.model;
    let placement: Placement;
    try {
      placement = place(placementInput(config, device, model));
    } catch (e) {
      if (e instanceof PlacementError) throw new InputError(`${path}: ${e.message}`);
      throw e;
    }
    const kvTotalBlocks = config.kv.capacityBlocks ?? placement.kvCapacityBlocks - draftWeightBlocks(config, device, placement, path);
    return { name: config.name ?? `pool${i}`, config, device, model, placement, kvTotalBlocks };
  });
}

function costFactory(
  pool: ResolvedPool,
  poolIndex: number,
  random: RandomStreams,
  resources: Resources,
): (replica: number) => StepCostModel {
  const cost = pool.config.costModel;
  switch (cost.kind) {
    case "roofline": {
      let profile;
      try {
        profile = resolveProfile(cost.profile, cost.overrides);
      } catch (e) {
        throw new InputError(`cluster.pools[${poolIndex}].costModel: ${(e as Error).message}`);
      }
      const model = createRooflineCost(pool.placement, profile);
      return () => model;
    }
    case "fixed": {
      const model = fixedCost(cost.stepS);
      return () => model;
    }
    case "exponential":
      return (replica) => exponentialCost(cost.meanStepS, random.stream(`service/${replica}`));
    case "table": {
      const table = resources.stepTables.get(cost.path);
      if (table === undefined) throw new Error(`internal: step table '${cost.path}' was not loaded`);
      const model = createTableCost(table);
      return () => model;
    }
  }
}

/** Streams for one policy instance, named under `prefix` so that no two policies share one. */
function policyEnv(random: RandomStreams, prefix: string, poolNames: readonly string[] = []): PolicyEnv {
  return { stream: (name) => random.stream(`${prefix}/${name}`), poolNames };
}

function poolSpec(pool: ResolvedPool, poolIndex: number, random: RandomStreams, resources: Resources): PoolSpec {
  const c = pool.config;
  const scaling = c.autoscaling;
  return {
    name: pool.name,
    role: c.role,
    replicas: scaling === undefined ? c.replicas : Math.max(scaling.maxReplicas, c.replicas),
    initialReplicas: c.replicas,
    ...(scaling === undefined
      ? {}
      : {
          autoscaling: {
            policy: createPolicy(autoscalingPolicies, scaling, policyEnv(random, `autoscaling/${poolIndex}`)),
            minReplicas: scaling.minReplicas,
            maxReplicas: scaling.maxReplicas,
            provisioningDelayS: scaling.provisioningDelayS,
            modelLoadS: scaling.modelLoadS,
            scaleDownDelayS: scaling.scaleDownDelayS,
          },
        }),
    kvBytesPerToken: kvBytesPerToken(pool.model, c.kvPrecision),
    kvTotalBlocks: pool.kvTotalBlocks,
    kvBlockSizeTokens: c.kv.blockSizeTokens,
    kvWatermarkBlocks: Math.floor(pool.kvTotalBlocks * c.kv.watermarkFraction),
    limits: { maxNumSeqs: c.batching.maxNumSeqs, maxBatchedTokens: c.batching.maxBatchedTokens },
    maxContextTokens: pool.placement.maxContextTokens,
    cost: cappedCost(costFactory(pool, poolIndex, random, resources), pool, poolIndex),
    batching: (r) => createPolicy(batchingPolicies, c.batching, policyEnv(random, `batching/${r}`)),
    order: (r) => createPolicy(orderPolicies, c.order, policyEnv(random, `order/${r}`)),
    victim: (r) => createPolicy(victimPolicies, c.preemption, policyEnv(random, `preemption/${r}`)),
    admission: (r) => createPolicy(admissionPolicies, c.admission, policyEnv(random, `admission/${r}`)),
    engine: engineFactory(pool, poolIndex, random, costFactory(pool, poolIndex, random, resources)),
  };
}

/** Pool names are unique, and a disaggregated cluster has both sides and an entry pool. */
function checkRoles(pools: readonly ResolvedPool[]): void {
  const seen = new Set<string>();
  pools.forEach((p, i) => {
    if (seen.has(p.name)) throw new InputError(`cluster.pools[${i}].name: pool name '${p.name}' is used twice`);
    seen.add(p.name);
  });
  const roles = new Set(pools.map((p) => p.config.role));
  if (roles.has("prefill") && !roles.has("decode")) {
    throw new InputError("cluster.pools: a prefill pool needs a decode pool to hand its requests to");
  }
  if (roles.has("decode") && !roles.has("prefill")) {
    throw new InputError("cluster.pools: a decode pool only takes requests from a prefill pool; add one, or make it mixed");
  }
}

/**
 * The KV-transfer link from a prefill pool into a decode pool: the decode pool's chosen device link, one
 * direction (half the bidirectional figure), on as many devices in parallel as the smaller replica has (each
 * tensor-parallel shard moves its own slice of the KV), unless overridden.
 */
export function kvLink(from: ResolvedPool, to: ResolvedPool): KvLinkSpec {
  const t = to.config.kvTransfer ?? { link: "scaleOut" as const };
  const device = t.link === "scaleUp" ? to.device.scaleUp : to.device.scaleOut;
  const lanes = Math.min(from.placement.devicesPerReplica, to.placement.devicesPerReplica);
  return {
    bandwidthBytesPerS: t.bandwidthBytesPerS ?? (device.bandwidthBytesPerS / 2) * lanes,
    latencyS: t.latencyS ?? device.latencyS,
  };
}

/** A simulation and its cluster, ready to run. */
export interface Assembled {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly pools: readonly ResolvedPool[];
}

/** How to step the simulation: `plainStepping` forms every decode step with an event (the fast path's reference). */
export interface AssembleOptions {
  readonly plainStepping?: boolean;
  /** Keep every request for the run's `requests` (default true; see ClusterSpec.keepRequests). */
  readonly keepRequests?: boolean;
}

/** Build the simulation a validated scenario describes, with every random stream derived from `seed`. */
export function assemble(scenario: Scenario, seed: number, resources: Resources, options: AssembleOptions = {}): Assembled {
  const { sim, spec, pools } = clusterSpec(scenario, seed, resources, options);
  return { sim, cluster: new Cluster(sim, spec), pools };
}

/** The simulation and the cluster's spec a validated scenario describes (`assemble` builds the cluster from them). */
export function clusterSpec(
  scenario: Scenario,
  seed: number,
  resources: Resources,
  options: AssembleOptions = {},
): { sim: Simulation; spec: ClusterSpec; pools: ResolvedPool[] } {
  const pools = resolvePools(scenario);
  checkRoles(pools);
  checkContext(
    scenario.workload,
    pools
      .filter((p) => p.config.role !== "decode")
      .map((p) => ({ name: p.name, maxContextTokens: p.placement.maxContextTokens })),
  );
  const sim = new Simulation(seed);
  const names = pools.map((p) => p.name);
  const router = (config: PolicyConfig<typeof routerPolicies>, stream: string, path: string): Router => {
    try {
      return createPolicy<Router, typeof routerPolicies>(routerPolicies, config, policyEnv(sim.random, stream, names));
    } catch (e) {
      throw new InputError(`${path}: ${(e as Error).message}`);
    }
  };
  const c = scenario.cluster;
  const autoscaleIntervalS = Math.min(
    ...pools.map((p) => p.config.autoscaling?.evaluationIntervalS ?? Number.POSITIVE_INFINITY),
  );
  const spec: ClusterSpec = {
    pools: pools.map((p, i) => poolSpec(p, i, sim.random, resources)),
    router: router(c.router, "routing", "cluster.router"),
    decodeRouter: router(c.decodeRouter, "decodeRouting", "cluster.decodeRouter"),
    routerRefreshIntervalS: c.router.refreshIntervalS,
    networkLatencyS: c.networkLatencyS,
    kvLink: (from, to) => kvLink(pools[from]!, pools[to]!),
    autoscaleIntervalS: Number.isFinite(autoscaleIntervalS) ? autoscaleIntervalS : 60,
    source: createRequestSource(scenario.workload, sim.random, resources.traces),
    ...(scenario.horizonS === undefined ? {} : { horizonS: scenario.horizonS }),
    sampleIntervalS: scenario.sampleIntervalS,
    plainStepping: options.plainStepping ?? false,
    keepRequests: options.keepRequests ?? true,
  };
  return { sim, spec, pools };
}
