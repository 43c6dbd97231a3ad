import type { RequestOrder } from "../../sim/batching.ts";
import type { Request } from "../../sim/request.ts";

export interface ShortestOutputFirstOptions {
  /**
   * Error of the output-length predictor: the prediction is the true length × e^(σ·Z), Z standard normal.
   * 0 is an oracle.
   */
  readonly predictionErrorSigma: number;
}

/** A standard normal draw from two uniforms (Box–Muller). */
function standardNormal(uniform: () => number): number {
  const u1 = 1 - uniform();
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Shortest expected output first (as with a length predictor, e.g. S³ or learning-to-rank schedulers): the
 * request with the fewest predicted output tokens still to generate runs first. Each request's prediction is
 * drawn once, from the policy's `prediction` stream, when it first joins the queue.
 */
export function shortestOutputFirst(
  options: ShortestOutputFirstOptions,
  env: { readonly stream: (name: string) => () => number },
): RequestOrder {
  const uniform = env.stream("prediction");
  const predicted = new WeakMap<Request, number>();
  return {
    key(r) {
      let p = predicted.get(r);
      if (p === undefined) {
        p = options.predictionErrorSigma > 0 ? r.outputTokens * Math.exp(options.predictionErrorSigma * standardNormal(uniform)) : r.outputTokens;
        predicted.set(r, p);
      }
      return Math.max(0, p - r.generatedTokens);
    },
  };
}
