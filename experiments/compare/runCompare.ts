import type { Runner } from "../parallel/runner.ts";
import type { Scenario } from "../schema/scenario.ts";
import { replicationSeeds } from "../sweep/expand.ts";
import { gridRuns, runGrid } from "../sweep/runGrid.ts";
import { contentHash } from "../sweep/scenarioHash.ts";
import type { Slo } from "../sweep/slo.ts";
import { parsePoint } from "../sweep/validate.ts";
import { buildCompareFile } from "./compareFile.ts";
import type { CompareFile } from "./compareFile.ts";
import type { Variant } from "./variants.ts";

export interface CompareSpec {
  readonly scenario: unknown;
  readonly variants: readonly Variant[];
  readonly baseline: number;
  readonly replications: number;
  readonly seed: number;
  readonly slo: Slo | null;
}

/** Validate every variant's scenario; an error names the variant. */
export function parseVariants(spec: CompareSpec): Scenario[] {
  return spec.variants.map((v) => parsePoint(v.input, `variant ${v.label} (${v.source})`));
}

/**
 * Run every variant under the same seeds (common random numbers: the same requests at the same instants), then
 * pair each variant's runs with the baseline's by seed.
 */
export async function runCompare(spec: CompareSpec, runner: Runner): Promise<{ file: CompareFile; interrupted: boolean }> {
  const base = parsePoint(spec.scenario, "");
  const scenarios = parseVariants(spec);
  const seeds = replicationSeeds(spec.seed, spec.replications);
  const experiment = {
    name: base.name,
    scenarioHash: contentHash(base),
    scenario: spec.scenario,
    variants: spec.variants.map((v, i) => ({ label: v.label, source: v.source, patch: v.patch, scenarioHash: contentHash(scenarios[i]) })),
    baseline: spec.variants[spec.baseline]!.label,
    replications: spec.replications,
    seeds,
    slo: spec.slo,
    runCount: spec.variants.length * seeds.length,
  };
  const measure = { quantiles: true, ...(spec.slo === null ? {} : { slo: spec.slo }) };
  const outcome = await runGrid(gridRuns(spec.variants.length, seeds), scenarios, measure, runner);
  return { file: buildCompareFile(experiment, outcome.records), interrupted: outcome.interrupted };
}
