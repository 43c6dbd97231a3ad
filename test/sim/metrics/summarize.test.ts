import { describe, expect, it } from "vitest";
import type { Distribution } from "../../../sim/metrics/distribution.ts";
import { partMetrics, RequestTally } from "../../../sim/metrics/summarize.ts";
import { Request } from "../../../sim/request.ts";

/** A completed request whose latencies depend on `k`. */
function completed(k: number): Request {
  const promptTokens = 100 + k;
  const outputTokens = 10 + (k % 7);
  const r = new Request(k, k, promptTokens, outputTokens, { arrivalS: k, promptTokens, outputTokens });
  r.state = "done";
  r.firstScheduledS = k + 0.01 * (k % 5);
  r.firstTokenS = k + 0.1 + 0.02 * (k % 11);
  r.completionS = r.firstTokenS + 0.5 + 0.03 * (k % 13);
  r.generatedTokens = r.outputTokens;
  return r;
}

const ITL: Distribution = { mean: 1, p50: 1, p90: 2, p95: 3, p99: 4, max: 5 };

describe("part metrics", () => {
  it("of a part holding every request are the whole's, with the part's inter-token latency", () => {
    const whole = new RequestTally();
    const part = new RequestTally();
    for (let k = 0; k < 50; k++) {
      whole.add(completed(k));
      part.add(completed(k));
    }
    const wholeMetrics = whole.metrics(100);
    expect(partMetrics(part, whole, wholeMetrics, 100, () => ITL)).toEqual(part.metrics(100, ITL));
  });

  it("of a part holding some of the requests are its own", () => {
    const whole = new RequestTally();
    const part = new RequestTally();
    for (let k = 0; k < 50; k++) {
      whole.add(completed(k));
      if (k % 3 === 0) part.add(completed(k));
    }
    const m = partMetrics(part, whole, whole.metrics(100), 100, () => ITL);
    expect(m).toEqual(part.metrics(100, ITL));
    expect(m.requests.arrived).toBe(17);
    expect(m.latency.ttftMs.p50).not.toBe(whole.metrics(100).latency.ttftMs.p50);
  });
});
