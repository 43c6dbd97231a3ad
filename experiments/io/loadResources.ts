import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { parseStepTable } from "../../hardware/cost/table.ts";
import type { StepTable } from "../../hardware/cost/table.ts";
import type { Resources } from "../assemble.ts";
import { InputError } from "../errors.ts";
import type { Scenario } from "../schema/scenario.ts";
import { loadTrace } from "../workload/loadTrace.ts";
import { traceRefs } from "../workload/source.ts";
import type { Trace } from "../workload/trace.ts";

/** Resolve a path written in a scenario against the scenario file's folder. */
export function resolveFrom(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/**
 * Load every file a scenario names (traces, measured step tables), keyed by the path as written. Relative paths
 * are read from `baseDir`: the scenario file's folder, or the working directory for built-in scenarios.
 */
export function loadResources(scenario: Scenario, baseDir: string): Resources {
  const traces = new Map<string, Trace>();
  for (const ref of traceRefs(scenario.workload)) {
    if (traces.has(ref.path)) continue;
    traces.set(ref.path, loadTrace(resolveFrom(baseDir, ref.path), ref.format, { skipBadRows: ref.skipBadRows }));
  }
  const stepTables = new Map<string, StepTable>();
  scenario.cluster.pools.forEach((pool, i) => {
    const cost = pool.costModel;
    if (cost.kind !== "table" || stepTables.has(cost.path)) return;
    const file = resolveFrom(baseDir, cost.path);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new InputError(`cluster.pools[${i}].costModel.path: step table not found: ${file}`);
    }
    stepTables.set(cost.path, parseStepTable(text, cost.path));
  });
  return { traces, stepTables };
}
