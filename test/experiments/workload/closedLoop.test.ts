import { describe, expect, it } from "vitest";
import type { RequestSource } from "../../../sim/ports.ts";
import { Request, type NewRequest } from "../../../sim/request.ts";
import { RandomStreams } from "../../../sim/rng.ts";
import { WorkloadSchema, createRequestSource, type WorkloadInput } from "../../../experiments/workload/index.ts";

interface Served {
  readonly spec: NewRequest;
  readonly endS: number;
}

/**
 * A tiny real driver: infinitely many servers, each request served for 1 ms per output token. Requests end in
 * time order and the source is told of each end, as the simulator tells it.
 */
function serve(source: RequestSource): { served: Served[]; maxOutstanding: number } {
  const inFlight: { request: Request; spec: NewRequest; endS: number }[] = [];
  const served: Served[] = [];
  let nextId = 0;
  let maxOutstanding = 0;
  const arrive = (spec: NewRequest): void => {
    const request = new Request(nextId++, spec.arrivalS, spec.promptTokens, spec.outputTokens, spec);
    inFlight.push({ request, spec, endS: spec.arrivalS + spec.outputTokens / 1000 });
    maxOutstanding = Math.max(maxOutstanding, inFlight.length);
  };
  for (let spec = source.next(); spec !== null; spec = source.next()) arrive(spec);
  while (inFlight.length > 0) {
    inFlight.sort((a, b) => a.endS - b.endS || a.request.id - b.request.id);
    const done = inFlight.shift()!;
    served.push({ spec: done.spec, endS: done.endS });
    const next = source.onRequestEnded?.(done.request, done.endS) ?? null;
    if (next !== null) arrive(next);
  }
  return { served, maxOutstanding };
}

const workload = (input: Partial<WorkloadInput> & { clients: number; thinkTimeS?: number }): WorkloadInput => ({
  durationS: input.durationS ?? 30,
  ...(input.maxRequests !== undefined && { maxRequests: input.maxRequests }),
  arrival: { kind: "closedLoop", clients: input.clients, ...(input.thinkTimeS !== undefined && { thinkTimeS: input.thinkTimeS }) },
  promptTokens: { kind: "uniform", min: 10, max: 100 },
  outputTokens: { kind: "uniform", min: 50, max: 500 },
});

const sourceOf = (input: WorkloadInput, seed = 3): RequestSource =>
  createRequestSource(WorkloadSchema.parse(input), new RandomStreams(seed), new Map());

describe("closed-loop clients", () => {
  it("next() gives one first request per client at time 0, then null", () => {
    const source = sourceOf(workload({ clients: 4 }));
    const first = [source.next(), source.next(), source.next(), source.next()];
    expect(first.map((r) => [r?.arrivalS, r?.clientId])).toEqual([[0, 0], [0, 1], [0, 2], [0, 3]]);
    expect(source.next()).toBeNull();
    expect(source.next()).toBeNull();
  });

  it.each([1, 8, 32])("%s clients never have more than that many requests outstanding", (clients) => {
    const { served, maxOutstanding } = serve(sourceOf(workload({ clients, thinkTimeS: 0.05 })));
    expect(maxOutstanding).toBe(clients);
    expect(served.length).toBeGreaterThan(clients * 10);
  });

  it("a client's next request arrives exactly the think time after its previous one ended", () => {
    const thinkTimeS = 0.25;
    const { served } = serve(sourceOf(workload({ clients: 5, thinkTimeS })));
    for (let client = 0; client < 5; client++) {
      const mine = served.filter((s) => s.spec.clientId === client).sort((a, b) => a.spec.arrivalS - b.spec.arrivalS);
      expect(mine[0]!.spec.arrivalS).toBe(0);
      mine.slice(1).forEach((s, i) => {
        expect(s.spec.arrivalS).toBe(mine[i]!.endS + thinkTimeS);
      });
    }
  });

  it("clients send no request after durationS", () => {
    const { served } = serve(sourceOf(workload({ clients: 3, thinkTimeS: 0.1, durationS: 10 })));
    expect(Math.max(...served.map((s) => s.spec.arrivalS))).toBeLessThanOrEqual(10);
    // Each cycle lasts at most 0.6 s, so each client's last request arrives after 9.4 s.
    expect(Math.max(...served.map((s) => s.spec.arrivalS))).toBeGreaterThan(9.4);
  });

  it("maxRequests caps the total, first requests included", () => {
    expect(serve(sourceOf(workload({ clients: 4, maxRequests: 50, durationS: 1000 }))).served).toHaveLength(50);
    expect(serve(sourceOf(workload({ clients: 4, maxRequests: 2, durationS: 1000 }))).served).toHaveLength(2);
  });

  it("the same seed serves the same requests", () => {
    const a = serve(sourceOf(workload({ clients: 6, thinkTimeS: 0.1 }), 9)).served;
    const b = serve(sourceOf(workload({ clients: 6, thinkTimeS: 0.1 }), 9)).served;
    expect(b).toEqual(a);
  });
});
