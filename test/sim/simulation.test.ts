import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Phase } from "../../sim/events.ts";
import type { Handlers, PhaseNumber, SimEvent } from "../../sim/events.ts";
import { Request } from "../../sim/request.ts";
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

  describe("lane", () => {
    const arrival = (id: number): SimEvent => {
      const spec = { arrivalS: 0, promptTokens: 1, outputTokens: 1 };
      return { kind: "arrival", request: new Request(id, 0, 1, 1, spec), fromSource: true };
    };
    const phases: PhaseNumber[] = [Phase.stepEnd, Phase.transferDone, Phase.arrival, Phase.replicaWake, Phase.sample];

    /**
     * The order events run in when a stream of arrivals (each scheduled as the one before it is handled, as a
     * workload's are) goes through the lane, or through the queue like the others.
     */
    function order(gapsS: number[], others: [number, number][], inLane: boolean): string[] {
      const sim = new Simulation(1);
      const seen: string[] = [];
      let next = 0;
      let atS = 0;
      const scheduleArrival = (): void => {
        if (next >= gapsS.length) return;
        atS += gapsS[next]!;
        const event = arrival(next++);
        if (inLane) sim.atInLane(atS, Phase.arrival, event);
        else sim.at(atS, Phase.arrival, event);
      };
      for (const [timeS, phase] of others) sim.at(timeS, phases[phase]!, { kind: "replicaWake", replica: phase });
      scheduleArrival();
      const handlers = recorder(sim, seen);
      sim.run({
        ...handlers,
        arrival: (e) => {
          handlers.arrival(e);
          scheduleArrival();
        },
      });
      return seen;
    }

    it("orders its event with the queued ones exactly as the queue would", () => {
      // Times on a coarse grid, so that arrivals often share an instant with other events of every phase.
      const grid = fc.integer({ min: 0, max: 6 }).map((k) => k * 0.5);
      fc.assert(
        fc.property(fc.array(grid, { maxLength: 15 }), fc.array(fc.tuple(grid, fc.integer({ min: 0, max: 4 })), { maxLength: 15 }), (gaps, others) => {
          expect(order(gaps, others, true)).toEqual(order(gaps, others, false));
        }),
      );
    });

    it("holds one event at a time, counted as pending and as the next", () => {
      const sim = new Simulation(1);
      sim.at(5, Phase.sample, { kind: "sample" });
      const handle = sim.atInLane(2, Phase.arrival, arrival(0));
      expect(sim.pending).toBe(2);
      expect(sim.nextEventS()).toBe(2);
      expect(() => sim.atInLane(3, Phase.arrival, arrival(1))).toThrow(/lane that holds one/);
      sim.cancel(handle);
      const seen: string[] = [];
      sim.run(recorder(sim, seen));
      expect(seen).toEqual(["5:sample"]);
      expect(sim.eventsProcessed).toBe(1);
    });
  });

  describe("keyed lane", () => {
    const phases: PhaseNumber[] = [Phase.stepEnd, Phase.transferDone, Phase.arrival, Phase.replicaWake, Phase.sample];

    /**
     * The order events run in when step ends of three replicas go through the keyed lane, or through the queue.
     * Each handled step end schedules that replica's next `gapS` later; some are rescheduled before they run
     * (the stale one cancelled, as a cut decode stretch does), and some are replaced while still live.
     */
    function order(plan: [number, number, number][], others: [number, number][], keyed: boolean): string[] {
      const sim = new Simulation(1);
      if (keyed) sim.openKeyedLane(3, Phase.stepEnd);
      const seen: string[] = [];
      let seq = 0;
      let next = 0;
      const schedule = (replica: number, atS: number) => {
        const event: SimEvent = { kind: "stepEnd", replica, stepSeq: seq++ };
        return keyed ? sim.atKeyed(replica, atS, Phase.stepEnd, event) : sim.at(atS, Phase.stepEnd, event);
      };
      const pending: (ReturnType<typeof schedule> | undefined)[] = [];
      for (let r = 0; r < 3; r++) pending[r] = schedule(r, r * 0.5);
      for (const [timeS, phase] of others) sim.at(timeS, phases[phase]!, { kind: "replicaWake", replica: phase });
      const handlers = recorder(sim, seen);
      sim.run({
        ...handlers,
        stepEnd: (e) => {
          seen.push(`${sim.nowS}:stepEnd:${e.replica}:${e.stepSeq}`);
          if (next >= plan.length) return;
          const [gapS, other, how] = plan[next++]!;
          pending[e.replica] = schedule(e.replica, sim.nowS + gapS);
          // Another replica's pending step end: cancelled and rescheduled (how 1), or replaced live (how 2).
          const old = pending[other];
          if (how === 0 || other === e.replica || old === undefined) return;
          if (how === 1) sim.cancel(old);
          pending[other] = schedule(other, sim.nowS + gapS / 2);
        },
      });
      return seen;
    }

    it("orders its events with the queued ones exactly as the queue would", () => {
      const grid = fc.integer({ min: 0, max: 6 }).map((k) => k * 0.5);
      const step = fc.tuple(grid, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }));
      fc.assert(
        fc.property(fc.array(step, { maxLength: 20 }), fc.array(fc.tuple(grid, fc.integer({ min: 0, max: 4 })), { maxLength: 10 }), (plan, others) => {
          expect(order(plan, others, true)).toEqual(order(plan, others, false));
        }),
      );
    });

    it("counts its events as pending and as the next, and skips a cancelled one", () => {
      const sim = new Simulation(1);
      sim.openKeyedLane(4, Phase.stepEnd);
      sim.at(5, Phase.sample, { kind: "sample" });
      const handle = sim.atKeyed(2, 3, Phase.stepEnd, { kind: "stepEnd", replica: 2, stepSeq: 0 });
      sim.atKeyed(1, 4, Phase.stepEnd, { kind: "stepEnd", replica: 1, stepSeq: 1 });
      expect(sim.pending).toBe(3);
      expect(sim.nextEventS()).toBe(3);
      sim.cancel(handle);
      expect(sim.pending).toBe(2);
      const seen: string[] = [];
      sim.run(recorder(sim, seen));
      expect(seen).toEqual(["4:stepEnd:1", "5:sample"]);
      expect(sim.eventsProcessed).toBe(2);
      expect(sim.pending).toBe(0);
    });

    it("refuses an event of another phase, a key that is not its tie key, or one out of range", () => {
      const sim = new Simulation(1);
      expect(() => sim.atKeyed(0, 1, Phase.stepEnd, { kind: "stepEnd", replica: 0, stepSeq: 0 })).toThrow(/keyed lane/);
      sim.openKeyedLane(2, Phase.stepEnd);
      expect(() => sim.atKeyed(0, 1, Phase.replicaWake, { kind: "replicaWake", replica: 0 })).toThrow(/keyed lane/);
      expect(() => sim.atKeyed(1, 1, Phase.stepEnd, { kind: "stepEnd", replica: 0, stepSeq: 0 })).toThrow(/keyed lane/);
      expect(() => sim.atKeyed(2, 1, Phase.stepEnd, { kind: "stepEnd", replica: 2, stepSeq: 0 })).toThrow(/keyed lane/);
      expect(() => {
        sim.openKeyedLane(2, Phase.stepEnd);
      }).toThrow(/already open/);
    });
  });
});
