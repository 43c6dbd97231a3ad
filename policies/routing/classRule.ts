import type { Router } from "../../sim/routing.ts";
import type { PolicyEnvLike } from "./env.ts";
import { leastLoaded } from "./leastLoaded.ts";

export interface RouteRule {
  /** The pool that takes matching requests. */
  readonly pool: string;
  readonly minPromptTokens?: number | undefined;
  readonly maxPromptTokens?: number | undefined;
  /** Request class index (see workload classes). */
  readonly classIndex?: number | undefined;
}

/**
 * A rule-based router: the first rule a request matches names its pool (e.g. prompts over 4,000 tokens to the
 * long-context pool); within the pool, the replica with the fewest outstanding requests. A request that matches
 * no rule, or whose pool has no candidate, may go to any candidate.
 */
export function classRule(options: { readonly rules: readonly RouteRule[] }, env: PolicyEnvLike): Router {
  const rules = options.rules.map((rule, i) => {
    const pool = env.poolNames.indexOf(rule.pool);
    if (pool < 0) {
      throw new Error(`cluster.router.rules[${i}].pool: no pool named '${rule.pool}' (pools: ${env.poolNames.join(", ")})`);
    }
    return { ...rule, poolIndex: pool };
  });
  return {
    route(request, candidates, load) {
      const rule = rules.find(
        (r) =>
          (r.minPromptTokens === undefined || request.promptTokens >= r.minPromptTokens) &&
          (r.maxPromptTokens === undefined || request.promptTokens <= r.maxPromptTokens) &&
          (r.classIndex === undefined || request.classIndex === r.classIndex),
      );
      const inPool = rule === undefined ? candidates : candidates.filter((c) => load.pool(c) === rule.poolIndex);
      return leastLoaded(inPool.length > 0 ? inPool : candidates, (r) => load.outstanding(r));
    },
  };
}
