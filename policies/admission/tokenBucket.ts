import type { Admission } from "../../sim/routing.ts";

export interface TokenBucketOptions {
  /** Requests per second the bucket refills (each replica has its own bucket). */
  readonly ratePerS: number;
  /** Bucket size: the most requests admitted in a burst. */
  readonly burst: number;
}

/**
 * Rate limiting by token bucket: a bucket of `burst` tokens refills at `ratePerS`; each admitted request takes
 * one; a request that finds it empty is rejected (and counted with the reason).
 */
export function tokenBucket(options: TokenBucketOptions): Admission {
  let tokens = options.burst;
  let lastS = 0;
  return {
    check(_request, _replica, nowS) {
      tokens = Math.min(options.burst, tokens + (nowS - lastS) * options.ratePerS);
      lastS = nowS;
      if (tokens < 1) return `rate limited: token bucket empty (ratePerS ${options.ratePerS}, burst ${options.burst})`;
      tokens -= 1;
      return null;
    },
  };
}
