import { setPath } from "../io/setPath.ts";
import type { Axis } from "./axis.ts";

/** One combination of axis values (a measurement), numbered in the order of the cartesian product. */
export interface Cell {
  readonly index: number;
  /** One value per axis, in the order of the axes. */
  readonly values: readonly unknown[];
}

/** The cartesian product of the axes, the last axis varying fastest; no axes give one empty cell. */
export function cartesian(axes: readonly Axis[]): Cell[] {
  let combos: unknown[][] = [[]];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => [...c, v]));
  return combos.map((values, index) => ({ index, values }));
}

/** The base scenario with each axis path set to the cell's value (a copy; the base is not changed). */
export function cellScenario(base: unknown, axes: readonly Axis[], values: readonly unknown[]): unknown {
  let out = base;
  axes.forEach((axis, i) => {
    // JSON is YAML, so setPath reads the value back exactly as it was.
    out = setPath(out, axis.path, JSON.stringify(values[i]));
  });
  return out;
}

/** The base scenario with each `path: value` of the labels set. */
export function applyLabels(base: unknown, labels: Readonly<Record<string, unknown>>): unknown {
  let out = base;
  for (const [path, value] of Object.entries(labels)) out = setPath(out, path, JSON.stringify(value));
  return out;
}

/** Seeds of the replications: the base seed, then the next ones. Every cell uses the same seeds (common random numbers). */
export function replicationSeeds(baseSeed: number, replications: number): number[] {
  return Array.from({ length: replications }, (_, r) => baseSeed + r);
}
