import type { z } from "zod";

interface DefLike {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly in?: z.ZodType;
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
}

function defOf(schema: z.ZodType): DefLike {
  return schema._zod.def;
}

/** The object schemas a value at `path` could be checked against (every union branch counts). */
function objectsAt(schema: z.ZodType, path: readonly PropertyKey[]): DefLike[] {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "readonly":
    case "catch":
      return def.innerType ? objectsAt(def.innerType, path) : [];
    case "pipe":
      return def.in ? objectsAt(def.in, path) : [];
    case "union":
      return (def.options ?? []).flatMap((o) => objectsAt(o, path));
    case "intersection":
      return [...(def.left ? objectsAt(def.left, path) : []), ...(def.right ? objectsAt(def.right, path) : [])];
    case "array":
      return path.length > 0 && def.element ? objectsAt(def.element, path.slice(1)) : [];
    case "object": {
      if (path.length === 0) return [def];
      const child = def.shape?.[String(path[0])];
      return child ? objectsAt(child, path.slice(1)) : [];
    }
    default:
      return [];
  }
}

/** Every key an object at `path` may have, by the schema. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const def of objectsAt(schema, path)) for (const k of Object.keys(def.shape ?? {})) keys.add(k);
  return [...keys].sort();
}
