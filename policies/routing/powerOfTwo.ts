import type { Router } from "../../sim/routing.ts";
import type { PolicyEnvLike } from "./env.ts";

/** Power of two choices: draw two distinct candidates at random, send to the one with fewer outstanding requests. */
export function powerOfTwo(_options: object, env: PolicyEnvLike): Router {
  const u = env.stream("pick");
  return {
    route(_request, candidates, load) {
      const n = candidates.length;
      if (n === 1) return candidates[0]!;
      const i = Math.floor(u() * n);
      const j = (i + 1 + Math.floor(u() * (n - 1))) % n;
      const a = candidates[i]!;
      const b = candidates[j]!;
      return load.outstanding(b) < load.outstanding(a) ? b : a;
    },
  };
}
