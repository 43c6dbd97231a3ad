import { describe, expect, it } from "vitest";
import { Phase } from "../../sim/events.ts";
import type { Handlers, SimEvent } from "../../sim/events.ts";
import { Simulation } from "../../sim/simulation.ts";

/** A handler table that records the order in which `horizon`/`sample`/`replicaWake` events run. */
function recorder(sim: Simulation, seen: string[]): Handlers {
  const note = (label: string) => () => {
    seen.push(`${sim.nowS}:${label}`);
  };
  return {
    arrival: (e) => seen.push(`${sim.nowS}:arrival:${e.request.id}`),
    stepEnd: (e) => seen.push(`${sim.nowS}:stepEnd:${e.stepSeq}`),
    replicaWake: (e) => seen.push(`${sim.nowS}:wake:${e.replica}`),
    transferDone: note("transfer"),
    dispatch: note("dispatch"),
    linkCheck: note("linkCheck"),
    autoscale: note("autoscale"),
    replicaReady: note("replicaReady"),
    sample: note("sample"),
    horizon: note("horizon"),
  };
}

describe("Simulation", () => {
  it("runs more than ten events at the same instant in (phase, seq) order", () => {
    const sim = new Simulation(1);
    const seen: string[] = [];
    // Twelve wakes scheduled first, then twelve step ends at the same time: step ends run first (phase 0),
    // each group in the order it was scheduled.
    for (let i = 0; i < 12; i++) sim.at(5, Phase.replicaWake, { kind: "replicaWake", replica: i });
    for (let i = 0; i < 12; i++) sim.at(5, Phase.stepEnd, { kind: "stepEnd", replica: 0, stepSeq: i });
    sim.run(recorder(sim, seen));
    const expected = [
      ...Array.from({ length: 12 }, (_, i) => `5:stepEnd:${i}`),
      ...Array.from({ length: 12 }, (_, i) => `5:wake:${i}`),
    ];
    expect(seen).toEqual(expected);
  });

  it("orders by time before phase", () => {
    const sim = new Simulation(1);
    const seen: string[] = [];
    sim.at(2, Phase.stepEnd, { kind: "stepEnd", replica: 0, stepSeq: 1 });
    sim.at(1, Phase.horizon, { kind: "horizon" });
    sim.at(1, Phase.sample, { kind: "sample" });
    sim.run(recorder(sim, seen));
    expect(seen).toEqual(["1:sample", "1:horizon", "2:stepEnd:1"]);
  });

  it("skips cancelled events and counts only handled ones", () => {
    const sim = new Simulation(1);
    const seen: string[] = [];
    const handle = sim.at(1, Phase.sample, { kind: "sample" });
    sim.at(2, Phase.horizon, { kind: "horizon" });
    sim.cancel(handle);
    sim.run(recorder(sim, seen));
    expect(seen).toEqual(["2:horizon"]);
    expect(sim.eventsProcessed).toBe(1);
  });

  it("refuses to schedule an event in the past", () => {
    const sim = new Simulation(1);
    const handlers = recorder(sim, []);
    sim.at(3, Phase.sample, { kind: "sample" });
    sim.run(handlers);
    const late: SimEvent = { kind: "horizon" };
    expect(() => sim.at(2, Phase.horizon, late)).toThrow(/before now/);
  });

  it("stops after the event that calls stop()", () => {
    const sim = new Simulation(1);
    const seen: string[] = [];
    const handlers = recorder(sim, seen);
    sim.at(1, Phase.horizon, { kind: "horizon" });
    sim.at(2, Phase.sample, { kind: "sample" });
    sim.run({
      ...handlers,
      horizon: () => {
        sim.stop();
      },
    });
    expect(seen).toEqual([]);
    expect(sim.nowS).toBe(1);
    expect(sim.pending).toBe(1);
  });
});
