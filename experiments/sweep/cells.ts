import { InputError } from "../errors.ts";
import { isAuto, valueLabel } from "./axis.ts";
import type { Axis, AxisSpec } from "./axis.ts";
import { applyLabels, cartesian } from "./expand.ts";
import { valueAt } from "./valueAt.ts";

/** One measurement of a sweep: its axis values (the labels that reproduce it) and its scenario, not yet validated. */
export interface CellDraft {
  readonly index: number;
  readonly labels: Readonly<Record<string, unknown>>;
  readonly input: unknown;
}

/** `workload.arrival.ratePerS=20 cluster.pools[0].replicas=2` */
export function labelText(labels: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${valueLabel(v)}`);
  return parts.length === 0 ? "(base scenario)" : parts.join(" ");
}

/** The auto axis's starting value: the number the base scenario has at its path. */
export function autoStart(base: unknown, path: string): number {
  const v = valueAt(base, path);
  if (typeof v !== "number" || !(v > 0)) {
    throw new InputError(`--axis ${path}=auto: the scenario needs a positive number at ${path} to start the search from (got ${JSON.stringify(v) ?? "nothing"})`);
  }
  return v;
}

/** The grid with the auto axis (if any) replaced by point numbers 1..points. */
function gridAxes(axes: readonly AxisSpec[], autoPoints: number): Axis[] {
  return axes.map((a) => (isAuto(a) ? { path: a.path, values: Array.from({ length: autoPoints }, (_, k) => k + 1) } : a));
}

/**
 * The cells of a sweep: the cartesian product of the axes, the last varying fastest. An auto axis takes
 * `rateOf(otherLabels, k)` at its k-th point (1-based), so its values may differ between combinations of the
 * other axes. Without `rateOf` (before the saturation search) it keeps the base scenario's value.
 */
export function sweepCells(
  base: unknown,
  axes: readonly AxisSpec[],
  autoPoints: number,
  rateOf?: (others: Readonly<Record<string, unknown>>, k: number) => number,
): CellDraft[] {
  const grid = gridAxes(axes, autoPoints);
  const autoIndex = axes.findIndex(isAuto);
  return cartesian(grid).map((cell) => {
    const values = cell.values.map((v, i) => {
      if (i !== autoIndex) return v;
      const others = otherLabels(axes, cell.values, autoIndex);
      if (rateOf !== undefined) return rateOf(others, v as number);
      return autoStart(applyLabels(base, others), axes[i]!.path);
    });
    const labels = Object.fromEntries(axes.map((a, i) => [a.path, values[i]]));
    return { index: cell.index, labels, input: applyLabels(base, labels) };
  });
}

/** The labels of every axis but the auto one. */
export function otherLabels(axes: readonly AxisSpec[], values: readonly unknown[], autoIndex: number): Record<string, unknown> {
  return Object.fromEntries(axes.flatMap((a, i) => (i === autoIndex ? [] : [[a.path, values[i]]])));
}
