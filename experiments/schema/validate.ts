import type { z } from "zod";
import { InputError } from "../errors.ts";
import { closest } from "./didYouMean.ts";
import { knownKeysAt } from "./knownKeys.ts";

/** `cluster.pools[1].tensorParallel` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out === "" ? "(top level)" : out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One line per problem, naming the path, the value given and what is allowed. */
export function describeIssues(schema: z.ZodType, error: z.ZodError, input: unknown): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const guess = closest(key, known);
        const where = formatPath([...issue.path, key]);
        const hint = guess === undefined ? `allowed keys: ${known.join(", ")}` : `did you mean '${guess}'?`;
        lines.push(`${where}: unknown key; ${hint}`);
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    const got = issue.code === "invalid_union" && value !== undefined ? "" : ` (got ${show(value)})`;
    lines.push(`${formatPath(issue.path)}: ${issue.message}${got}`);
  }
  return lines;
}

/** Parse `input` with `schema`, or throw an InputError listing every problem. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = describeIssues(schema, result.error, input);
  throw new InputError(`invalid ${what}:\n  ${lines.join("\n  ")}`);
}
