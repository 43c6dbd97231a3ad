function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A variant (a partial scenario) laid over the base: objects merge key by key, arrays element by element (so
 * `cluster.pools[0]` of a variant changes the base's first pool), `null` removes a key, anything else replaces.
 * Neither input is changed.
 */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return structuredClone(base);
  if (Array.isArray(patch) && Array.isArray(base)) {
    const length = Math.max(base.length, patch.length);
    const b = base as unknown[];
    const p = patch as unknown[];
    return Array.from({ length }, (_, i): unknown => (i < p.length ? deepMerge(b[i], p[i]) : structuredClone(b[i])));
  }
  if (isObject(patch) && isObject(base)) {
    const out = new Map<string, unknown>(Object.entries(structuredClone(base)));
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) out.delete(key);
      else out.set(key, deepMerge(base[key], value));
    }
    return Object.fromEntries(out);
  }
  return removeNulls(structuredClone(patch));
}

function removeNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(removeNulls);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, removeNulls(x)]));
  return v;
}
