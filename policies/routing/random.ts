import type { Router } from "../../sim/routing.ts";
import type { PolicyEnvLike } from "./env.ts";

/** A uniformly random candidate (its own `routing` stream). */
export function random(_options: object, env: PolicyEnvLike): Router {
  const u = env.stream("pick");
  return { route: (_request, candidates) => candidates[Math.floor(u() * candidates.length)]! };
}
