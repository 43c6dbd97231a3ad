import { describe, expect, it } from "vitest";
import { runScenario } from "./helpers.ts";

const tenRequests = {
  seed: 1,
  workload: {
    maxRequests: 10,
    arrival: { kind: "deterministic", ratePerS: 1 },
    promptTokens: { kind: "fixed", tokens: 200 },
    outputTokens: { kind: "fixed", tokens: 20 },
  },
} as const;

describe("the end of a run", () => {
  it("comes with the last request, not at a later horizon or autoscaler tick", () => {
    const s = runScenario({
      ...tenRequests,
      horizonS: 1000,
      cluster: {
        pools: [
          {
            replicas: 1,
            autoscaling: { policy: "rate", ratePerReplicaPerS: 5, minReplicas: 1, maxReplicas: 2, evaluationIntervalS: 300 },
          },
        ],
      },
    }).summary;
    expect(s.requests.completed).toBe(10);
    expect(s.simulatedSeconds).toBeLessThan(15);
    expect(s.run.stoppedByHorizon).toBe(false);
    expect(s.pools[0]!.replicaHours).toBeLessThan(15 / 3600);
  });

  it("rejects at arrival a request that would not fit the decode pool, and still ends", () => {
    const s = runScenario({
      ...tenRequests,
      cluster: {
        pools: [
          { name: "prefill", role: "prefill", replicas: 1 },
          { name: "decode", role: "decode", replicas: 1, kv: { capacityBlocks: 10 } },
        ],
      },
    }).summary;
    expect(s.requests.rejected).toBe(10);
    expect(s.requests.inFlight).toBe(0);
    expect(s.notes.join(" ")).toContain("rejected");
  });

  it("calls a lightly loaded cluster stable even when many requests are rejected", () => {
    const s = runScenario({
      seed: 3,
      workload: {
        durationS: 60,
        arrival: { kind: "poisson", ratePerS: 4 },
        promptTokens: { kind: "uniform", min: 100, max: 9000 },
        outputTokens: { kind: "fixed", tokens: 50 },
      },
      cluster: { pools: [{ replicas: 2, maxContextTokens: 4096 }] },
    }).summary;
    expect(s.requests.rejected).toBeGreaterThan(50);
    expect(s.saturation.state).toBe("stable");
  });

  it("reports the requests still in flight at the horizon after those that ended, in the order they arrived", () => {
    const rows: { id: number; state: string; arrivalS: number }[] = [];
    runScenario(
      {
        seed: 2,
        horizonS: 30,
        workload: {
          durationS: 30,
          arrival: { kind: "poisson", ratePerS: 40 },
          promptTokens: { kind: "uniform", min: 100, max: 3000 },
          outputTokens: { kind: "uniform", min: 10, max: 400 },
        },
        cluster: { pools: [{ replicas: 2 }] },
      },
      { onRequestRow: (r) => rows.push(r) },
    );
    const firstInFlight = rows.findIndex((r) => r.state === "inFlight");
    const inFlight = rows.slice(firstInFlight);
    expect(inFlight.length).toBeGreaterThan(20);
    expect(inFlight.every((r) => r.state === "inFlight")).toBe(true);
    const arrivals = inFlight.map((r) => r.arrivalS);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
  });
});
