import { deepMerge } from "../compare/deepMerge.ts";
import type { Scenario } from "../schema/scenario.ts";
import { setPath } from "../io/setPath.ts";

/** A hardware option of a plan: a partial scenario (device, TP/PP, precision, engine profile, pools) over the base. */
export interface PlanOptionSpec {
  readonly label: string;
  /** The option file, or "base" when the base scenario is the only option. */
  readonly source: string;
  readonly patch: unknown;
  readonly input: unknown;
}

export function planOptions(base: unknown, files: readonly { readonly label: string; readonly source: string; readonly patch: unknown }[]): PlanOptionSpec[] {
  if (files.length === 0) return [{ label: "base", source: "base", patch: null, input: base }];
  const out: PlanOptionSpec[] = [];
  for (const f of files) {
    let label = f.label;
    for (let k = 2; out.some((o) => o.label === label); k++) label = `${f.label}-${k}`;
    out.push({ label, source: f.source, patch: f.patch, input: deepMerge(base, f.patch) });
  }
  return out;
}

/**
 * The option scaled to `n` units: each pool gets n × its own replica count (so a disaggregated option with 1
 * prefill and 2 decode replicas per unit keeps that 1 : 2 ratio), at the given arrival rate.
 */
export function scaledInput(input: unknown, parsed: Scenario, n: number, ratePath: string, ratePerS: number): unknown {
  let out = setPath(input, ratePath, String(ratePerS));
  parsed.cluster.pools.forEach((pool, i) => {
    out = setPath(out, `cluster.pools[${i}].replicas`, String(pool.replicas * n));
  });
  return out;
}

/** What a person needs to know about an option's hardware, per pool. */
export interface PoolHardware {
  readonly name: string;
  /** mixed, or prefill / decode for disaggregated serving. */
  readonly role: string;
  readonly device: string;
  readonly model: string;
  readonly tensorParallel: number;
  readonly pipelineParallel: number;
  readonly weightPrecision: string;
  readonly engine: string;
  /** Replicas of this pool per unit of the option. */
  readonly replicasPerUnit: number;
}

export function poolHardware(parsed: Scenario): PoolHardware[] {
  return parsed.cluster.pools.map((p, i) => ({
    name: p.name ?? `pool${i}`,
    role: (p as { readonly role?: string }).role ?? "mixed",
    device: typeof p.device === "string" ? p.device : p.device.name,
    model: typeof p.model === "string" ? p.model : p.model.name,
    tensorParallel: p.tensorParallel,
    pipelineParallel: p.pipelineParallel,
    weightPrecision: p.weightPrecision,
    engine: p.costModel.kind === "roofline" ? p.costModel.profile : p.costModel.kind,
    replicasPerUnit: p.replicas,
  }));
}
