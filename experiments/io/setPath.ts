import { parse as parseYaml } from "yaml";
import { InputError } from "../errors.ts";

/** Split `cluster.pools[0].replicas` (or `cluster.pools.0.replicas`) into keys. */
export function splitPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null || part === "") throw new InputError(`--set: cannot read the path '${path}'`);
    if (m[1] !== "") keys.push(/^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(idx[1]));
  }
  return keys;
}

/**
 * Return a copy of `input` with the value at `path` replaced (objects and arrays along the way are created as
 * needed). The value is read as YAML, so `--set seed=3`, `--set name=x` and `--set 'kv={blockSizeTokens: 8}'`
 * all work, and `--set path=null` removes a field. The result is validated by the scenario schema afterwards, so a misspelt key is caught there.
 */
export function setPath(input: unknown, path: string, rawValue: string): unknown {
  const keys = splitPath(path);
  const value: unknown = parseYaml(rawValue);
  const root: unknown = structuredClone(input ?? {});
  if (typeof root !== "object" || root === null) throw new InputError(`--set ${path}: the scenario is not an object`);
  let node = root as Record<string | number, unknown>;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      // `path=null` removes the field, so its default applies again.
      if (value === null) Reflect.deleteProperty(node, key);
      else node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== "object" || next === null) {
      node[key] = typeof keys[i + 1] === "number" ? [] : {};
    }
    node = node[key] as Record<string | number, unknown>;
  });
  return root;
}

/** Apply `path=value` assignments in order. */
export function applySets(input: unknown, assignments: readonly string[]): unknown {
  let out = input;
  for (const a of assignments) {
    const eq = a.indexOf("=");
    if (eq <= 0) throw new InputError(`--set '${a}': expected path=value`);
    out = setPath(out, a.slice(0, eq).trim(), a.slice(eq + 1));
  }
  return out;
}
