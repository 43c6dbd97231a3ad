import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RequestLedger } from "../../../sim/metrics/requestLedger.ts";
import { RequestTally } from "../../../sim/metrics/summarize.ts";
import { Request } from "../../../sim/request.ts";

/** Request k, ended in `state`, of class `classIndex` on `replica` (-1: rejected before routing). */
function ended(k: number, replica: number, classIndex: number, state: "done" | "rejected"): Request {
  const promptTokens = 100 + k;
  const outputTokens = 10 + (k % 7);
  const r = new Request(k, k, promptTokens, outputTokens, { arrivalS: k, promptTokens, outputTokens, classIndex });
  r.replica = replica;
  r.state = state;
  r.firstScheduledS = k + 0.01 * (k % 5);
  r.firstTokenS = k + 0.1 + 0.02 * (k % 11);
  r.completionS = r.firstTokenS + 0.5 + 0.03 * (k % 13);
  r.generatedTokens = r.outputTokens;
  return r;
}

/** Replica i is in pool i % 3. */
const POOLS = 3;

describe("request ledger", () => {
  it("tallies each pool and class as separate tallies fed only their requests would", () => {
    const request = fc.record({
      replica: fc.integer({ min: -1, max: 5 }),
      classIndex: fc.integer({ min: 0, max: 2 }),
      rejected: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 60, size: "max" }), (requests) => {
        const ledger = new RequestLedger((replica) => replica % POOLS, POOLS);
        const pools = Array.from({ length: POOLS }, () => new RequestTally());
        const classes = Array.from({ length: 3 }, () => new RequestTally());
        requests.forEach((q, k) => {
          const r = ended(k, q.replica, q.classIndex, q.rejected ? "rejected" : "done");
          ledger.record(r);
          if (q.replica >= 0) pools[q.replica % POOLS]!.add(r);
          classes[q.classIndex]!.add(r);
        });
        for (let p = 0; p < POOLS; p++) expect(ledger.poolTally(p).metrics(100)).toEqual(pools[p]!.metrics(100));
        for (let c = 0; c < 3; c++) expect(ledger.classTally(c).metrics(100)).toEqual(classes[c]!.metrics(100));
        expect(ledger.pools).toHaveLength(POOLS);
      }),
    );
  });

  it("keeps one tally, the cluster's, while every request goes to the same pool and class", () => {
    const ledger = new RequestLedger(() => 1, 2);
    for (let k = 0; k < 5; k++) ledger.record(ended(k, 4, 0, "done"));
    expect(ledger.poolTally(1)).toBe(ledger.cluster);
    expect(ledger.classTally(0)).toBe(ledger.cluster);
    expect(ledger.poolTally(0).arrived).toBe(0);
    ledger.record(ended(5, -1, 0, "rejected"));
    expect(ledger.poolTally(1)).not.toBe(ledger.cluster);
    expect([ledger.poolTally(1).arrived, ledger.cluster.arrived, ledger.classTally(0).arrived]).toEqual([5, 6, 6]);
  });
});
