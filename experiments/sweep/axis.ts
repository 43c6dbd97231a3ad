import { parse as parseYaml } from "yaml";
import { InputError } from "../errors.ts";
import { splitPath } from "../io/setPath.ts";

/** One axis of an experiment: a scenario path and the values it takes. */
export interface Axis {
  readonly path: string;
  readonly values: readonly unknown[];
}

/** An axis as given on the command line: explicit values, or `auto` (find the saturation rate, space points up to it). */
export type AxisSpec = Axis | { readonly path: string; readonly auto: true };

export function isAuto(axis: AxisSpec): axis is { readonly path: string; readonly auto: true } {
  return "auto" in axis;
}

/** Split on commas that are not inside brackets, braces or quotes: `a,{x: 1, y: 2},[3,4]` has three parts. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[" || ch === "{") depth++;
    else if (ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/**
 * Read `--axis path=v1,v2,...`. Each value is read as YAML (`20`, `decode-first`, `{policy: continuous}`);
 * `path=auto` asks for a saturation search. Errors name the flag.
 */
export function parseAxis(flag: string): AxisSpec {
  const eq = flag.indexOf("=");
  if (eq <= 0) throw new InputError(`--axis '${flag}': expected path=v1,v2,... (or path=auto)`);
  const path = flag.slice(0, eq).trim();
  try {
    splitPath(path);
  } catch {
    throw new InputError(`--axis '${flag}': cannot read the path '${path}'`);
  }
  const rest = flag.slice(eq + 1).trim();
  if (rest === "auto") return { path, auto: true };
  const parts = splitTopLevel(rest);
  if (parts.some((p) => p === "")) throw new InputError(`--axis '${flag}': an empty value (two commas in a row?)`);
  const values = parts.map((p) => {
    try {
      return parseYaml(p) as unknown;
    } catch (e) {
      throw new InputError(`--axis ${path}: cannot read the value '${p}': ${(e as Error).message.split("\n")[0]}`);
    }
  });
  return { path, values };
}

/** Parse every `--axis` flag; the same path twice is an error. */
export function parseAxes(flags: readonly string[]): AxisSpec[] {
  const axes = flags.map(parseAxis);
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.path)) throw new InputError(`--axis ${a.path}: given twice`);
    seen.add(a.path);
  }
  if (axes.filter(isAuto).length > 1) throw new InputError("--axis: only one axis can be 'auto'");
  return axes;
}

/** A short text for an axis value, for labels, tables and file rows. */
export function valueLabel(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
