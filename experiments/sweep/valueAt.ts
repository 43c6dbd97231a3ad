import { splitPath } from "../io/setPath.ts";

/** The value at a scenario path (`cluster.pools[0].replicas`), or undefined. */
export function valueAt(input: unknown, path: string): unknown {
  let v = input;
  for (const key of splitPath(path)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}
