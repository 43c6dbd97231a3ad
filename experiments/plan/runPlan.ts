import { parseScenario } from "../run/runScenario.ts";
import { Interrupted } from "../parallel/runner.ts";
import type { Runner } from "../parallel/runner.ts";
import { SCHEMA_VERSION } from "../schema/scenario.ts";
import type { Scenario } from "../schema/scenario.ts";
import { estimateMetrics } from "../sweep/aggregate.ts";
import { replicationSeeds } from "../sweep/expand.ts";
import { contentHash } from "../sweep/scenarioHash.ts";
import type { Slo } from "../sweep/slo.ts";
import { parsePoint } from "../sweep/validate.ts";
import { INFERSIM_VERSION } from "../version.ts";
import { violations } from "./feasibility.ts";
import { poolHardware, scaledInput } from "./options.ts";
import type { PlanOptionSpec } from "./options.ts";
import type { Evaluation, PlanExperiment, PlanFile, PlanOptionResult } from "./planFile.ts";
import { rankings } from "./rank.ts";
import { largestFeasible, smallestFeasible } from "./search.ts";

export interface PlanSpec {
  readonly scenario: unknown;
  readonly options: readonly PlanOptionSpec[];
  readonly targetRatePerS: number;
  /** The scenario path of the arrival rate (default `workload.arrival.ratePerS`). */
  readonly ratePath: string;
  readonly slo: Slo;
  readonly maxRejectedFraction: number;
  readonly replications: number;
  readonly seed: number;
  /** Largest number of units (replica groups) tried per option. */
  readonly maxUnits: number;
  /** Relative precision of the capacity search. */
  readonly capacityTolerance: number;
}

/** Validate every option at the target rate; an error names the option. */
export function parseOptions(spec: PlanSpec): Scenario[] {
  return spec.options.map((o) => {
    const where = `option ${o.label} (${o.source})`;
    const parsed = parsePoint(o.input, where);
    return parsePoint(scaledInput(o.input, parsed, 1, spec.ratePath, spec.targetRatePerS), where);
  });
}

const mean = (e: { readonly mean: number | null }): number | null => e.mean;

/** Search one option: its smallest size at the target rate, then that size's SLO-limited capacity. */
async function planOption(spec: PlanSpec, option: PlanOptionSpec, runner: Runner): Promise<PlanOptionResult> {
  const parsed = parseScenario(option.input);
  const seeds = replicationSeeds(spec.seed, spec.replications);
  const evaluations: Evaluation[] = [];
  const cache = new Map<string, Promise<Evaluation>>();
  const evaluate = (units: number, ratePerS: number): Promise<Evaluation> => {
    const key = `${units}@${ratePerS}`;
    let found = cache.get(key);
    if (found === undefined) {
      found = (async () => {
        const scenario = parseScenario(scaledInput(option.input, parsed, units, spec.ratePath, ratePerS));
        const runs = await Promise.all(seeds.map((seed) => runner.run({ scenario, seed, measure: { slo: spec.slo } })));
        const metrics = estimateMetrics(runs);
        const missed = violations(spec.slo, spec.maxRejectedFraction, metrics, runs);
        const e: Evaluation = { units, ratePerS, feasible: missed.length === 0, violations: missed, seeds, scenarioHash: contentHash(scenario), metrics };
        evaluations.push(e);
        return e;
      })();
      cache.set(key, found);
    }
    return found;
  };
  const base = {
    label: option.label,
    source: option.source,
    patch: option.patch,
    pools: poolHardware(parsed),
    units: null,
    replicas: null,
    devices: null,
    chosen: null,
    oneFewer: null,
    maxRatePerS: null,
    usdPerHour: null,
    avgMW: null,
    joulesPerOutputToken: null,
    usdPerMillionOutputTokens: null,
  } as const;
  try {
    const units = await smallestFeasible(async (n) => (await evaluate(n, spec.targetRatePerS)).feasible, spec.maxUnits);
    if (units === null) {
      const last = await evaluate(spec.maxUnits, spec.targetRatePerS);
      return { ...base, status: "infeasible", reason: `misses the SLO even with ${spec.maxUnits} units: ${last.violations.join("; ")}`, evaluations: [...evaluations] };
    }
    const chosen = await evaluate(units, spec.targetRatePerS);
    const oneFewer = units > 1 ? await evaluate(units - 1, spec.targetRatePerS) : null;
    const maxRatePerS = await largestFeasible(async (r) => (await evaluate(units, r)).feasible, spec.targetRatePerS, spec.capacityTolerance);
    const m = chosen.metrics;
    return {
      ...base,
      status: "feasible",
      reason: null,
      units,
      replicas: parsed.cluster.pools.map((p) => p.replicas * units),
      devices: mean(m.devices),
      chosen,
      oneFewer,
      maxRatePerS,
      usdPerHour: mean(m.usdPerHour),
      avgMW: mean(m.avgMW),
      joulesPerOutputToken: mean(m.joulesPerOutputToken),
      usdPerMillionOutputTokens: mean(m.usdPerMillionOutputTokens),
      evaluations: [...evaluations],
    };
  } catch (e) {
    if (!(e instanceof Interrupted)) throw e;
    return { ...base, status: "interrupted", reason: "stopped by Ctrl-C before the search ended", evaluations: [...evaluations] };
  }
}

/**
 * Plan every option concurrently (each option's search is sequential, its replications parallel). Deterministic:
 * each search decides only from its own evaluations, which depend on (scenario, seeds) alone.
 */
export async function runPlan(spec: PlanSpec, runner: Runner): Promise<{ file: PlanFile; interrupted: boolean }> {
  const basePoint = parsePoint(spec.scenario, "");
  let results: PlanOptionResult[];
  try {
    results = await Promise.all(spec.options.map((o) => planOption(spec, o, runner)));
  } catch (e) {
    runner.interrupt();
    throw e;
  }
  const experiment: PlanExperiment = {
    name: basePoint.name,
    scenarioHash: contentHash(basePoint),
    scenario: spec.scenario,
    targetRatePerS: spec.targetRatePerS,
    ratePath: spec.ratePath,
    slo: spec.slo,
    maxRejectedFraction: spec.maxRejectedFraction,
    replications: spec.replications,
    seeds: replicationSeeds(spec.seed, spec.replications),
    maxUnits: spec.maxUnits,
    capacityTolerance: spec.capacityTolerance,
  };
  const interrupted = results.some((r) => r.status === "interrupted");
  return {
    file: {
      kind: "infersim-plan",
      schemaVersion: SCHEMA_VERSION,
      infersimVersion: INFERSIM_VERSION,
      partial: interrupted,
      experiment,
      options: results,
      rankings: rankings(results),
    },
    interrupted,
  };
}
