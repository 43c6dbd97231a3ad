import { InputError } from "../errors.ts";
import type { Axis } from "../sweep/axis.ts";
import { valueLabel } from "../sweep/axis.ts";
import { cellScenario } from "../sweep/expand.ts";
import { deepMerge } from "./deepMerge.ts";

/** One arm of a comparison: a label, where it came from, and its full scenario (not yet validated). */
export interface Variant {
  readonly label: string;
  /** The variant file, `path=value` for an axis value, or "base". */
  readonly source: string;
  /** The partial scenario merged over the base (null for the base itself and axis values). */
  readonly patch: unknown;
  readonly input: unknown;
}

/** The base scenario, then each variant file's partial scenario merged over it; labels are the file names. */
export function fileVariants(base: unknown, files: readonly { readonly label: string; readonly source: string; readonly patch: unknown }[]): Variant[] {
  const variants: Variant[] = [{ label: "base", source: "base", patch: null, input: base }];
  for (const f of files) {
    let label = f.label;
    for (let k = 2; variants.some((v) => v.label === label); k++) label = `${f.label}-${k}`;
    variants.push({ label, source: f.source, patch: f.patch, input: deepMerge(base, f.patch) });
  }
  return variants;
}

/** One variant per value of a single axis (e.g. a policy), labelled by the value; the first is the baseline. */
export function axisVariants(base: unknown, axis: Axis): Variant[] {
  return axis.values.map((value) => ({
    label: valueLabel(value),
    source: `${axis.path}=${valueLabel(value)}`,
    patch: null,
    input: cellScenario(base, [axis], [value]),
  }));
}

/** The index of the baseline: the named variant, else the first. */
export function baselineIndex(variants: readonly Variant[], name: string | undefined): number {
  if (name === undefined) return 0;
  const i = variants.findIndex((v) => v.label === name);
  if (i < 0) throw new InputError(`--baseline '${name}': no such variant; the variants are ${variants.map((v) => v.label).join(", ")}`);
  return i;
}
