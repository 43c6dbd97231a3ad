import type { RequestSource } from "../../../sim/ports.ts";
import type { NewRequest } from "../../../sim/request.ts";
import type { Lengths, Limits } from "./limits.ts";

/**
 * A fixed population of clients: `next()` gives each client's first request at time 0 (clientId 0..N-1), then
 * null; when a request ends, its client sends the next one `thinkTimeS` later, until a limit is reached. So
 * no more than `clients` requests are ever outstanding.
 */
export function closedLoopSource(
  spec: { readonly clients: number; readonly thinkTimeS: number },
  lengths: Lengths,
  limits: Limits,
): RequestSource {
  let started = 0;
  let generated = 0;
  const request = (arrivalS: number, clientId: number): NewRequest => {
    generated++;
    return { arrivalS, promptTokens: lengths.prompt(), outputTokens: lengths.output(), clientId };
  };
  return {
    next() {
      if (started >= spec.clients || generated >= limits.maxRequests) return null;
      return request(0, started++);
    },
    onRequestEnded(ended, nowS) {
      if (ended.clientId < 0 || ended.clientId >= spec.clients) return null;
      const arrivalS = nowS + spec.thinkTimeS;
      if (arrivalS > limits.durationS || generated >= limits.maxRequests) return null;
      return request(arrivalS, ended.clientId);
    },
  };
}
