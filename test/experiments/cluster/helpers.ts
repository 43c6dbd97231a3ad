import { runScenario } from "../../../experiments/run/runScenario.ts";
import type { RequestRow } from "../../../experiments/results/requestRows.ts";

export { runScenario };

/** The q-quantile of a metric over requests (completed ones only), for checks on a subset. */
export function quantileOf(rows: readonly RequestRow[], metric: "ttftMs" | "tpotMs", q: number): number {
  const values = rows
    .filter((r) => r.state === "completed" && Number.isFinite(r[metric]))
    .map((r) => r[metric])
    .sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
}
