import { describe, expect, it } from "vitest";
import { assemble, NO_RESOURCES } from "../../../experiments/assemble.ts";
import { RequestArchive } from "../../../experiments/results/requestArchive.ts";
import { requestRow } from "../../../experiments/results/requestRows.ts";
import { parseScenario, runScenario } from "../../../experiments/run/runScenario.ts";
import type { ScenarioInput } from "../../../experiments/schema/scenario.ts";
import { Request } from "../../../sim/request.ts";

/** Two replicas, some requests turned away by full queues, and a horizon that leaves requests in flight. */
const busy: ScenarioInput = {
  seed: 3,
  horizonS: 40,
  workload: {
    durationS: 60,
    arrival: { kind: "poisson", ratePerS: 30 },
    promptTokens: { kind: "uniform", min: 100, max: 3000 },
    outputTokens: { kind: "uniform", min: 1, max: 400 },
  },
  cluster: { pools: [{ replicas: 2, admission: { policy: "maxQueue", maxQueueLength: 20 } }] },
};

function arrived(id: number, order: number): Request {
  const spec = { arrivalS: id * 0.5, promptTokens: 100 + id, outputTokens: 10 };
  const r = new Request(id, spec.arrivalS, spec.promptTokens, spec.outputTokens, spec);
  r.arrivalOrder = order;
  return r;
}

describe("RequestArchive", () => {
  it("gives the rows the kept requests would give, in the order they arrived, rejected and in flight ones too", () => {
    const scenario = parseScenario(busy);
    const { cluster, pools } = assemble(scenario, scenario.seed, NO_RESOURCES, { keepRequests: true });
    const run = cluster.run();
    const fromRequests = run.requests.map((r) => requestRow(r, pools[cluster.replicas[r.replica]?.pool ?? -1]?.name ?? ""));
    const rows = runScenario(busy).requests;
    expect(rows.some((r) => r.state === "rejected")).toBe(true);
    expect(rows.some((r) => r.state === "inFlight")).toBe(true);
    expect(rows).toEqual(fromRequests);
  });

  it("builds a run's rows once, when first read, and a structured clone of the run carries them", () => {
    const result = runScenario(busy);
    const rows = result.requests;
    expect(rows.length).toBe(result.summary.requests.arrived);
    expect(result.requests).toBe(rows);
    expect(structuredClone(result).requests).toEqual(rows);
  });

  it("puts each request in its place among the arrivals, whatever order they end in", () => {
    const archive = new RequestArchive();
    // Enough requests for several of the archive's chunks.
    const requests = Array.from({ length: 10_000 }, (_, k) => arrived(k, k));
    for (const r of [...requests].reverse()) archive.add(r);
    expect(archive.size).toBe(10_000);
    const rows = archive.rows(() => "p");
    expect(rows.map((row) => [row.id, row.promptTokens])).toEqual(requests.map((r) => [r.id, r.promptTokens]));
  });

  it("keeps a rejected request's state and reason", () => {
    const archive = new RequestArchive();
    const r = arrived(7, 0);
    r.state = "rejected";
    r.rejectReason = "queue full";
    archive.add(r);
    const [row] = archive.rows(() => "p");
    expect(row).toMatchObject({ id: 7, state: "rejected", rejectReason: "queue full", pool: "p" });
  });

  it("gives every state of a request the row the request itself gives", () => {
    const archive = new RequestArchive();
    const states = ["queued", "running", "transferring", "done", "rejected"] as const;
    const requests = states.map((state, k) => {
      const r = arrived(k, k);
      r.state = state;
      return r;
    });
    for (const r of requests) archive.add(r);
    expect(archive.rows(() => "p")).toEqual(requests.map((r) => requestRow(r, "p")));
  });

  it("says so when an arrival between those archived was never archived", () => {
    const archive = new RequestArchive();
    archive.add(arrived(0, 0));
    archive.add(arrived(2, 2));
    expect(() => archive.rows(() => "p")).toThrow(/arrival 1 was never archived/);
  });

  it("refuses a request that has not arrived", () => {
    const notArrived = new Request(1, 0, 10, 10, { arrivalS: 0, promptTokens: 10, outputTokens: 10 });
    expect(() => {
      new RequestArchive().add(notArrived);
    }).toThrow(/before it arrived/);
  });
});
