import { describe, expect, it } from "vitest";
import { parseAxes } from "../../../experiments/sweep/axis.ts";
import type { Axis } from "../../../experiments/sweep/axis.ts";
import { labelText } from "../../../experiments/sweep/cells.ts";
import { applyLabels, cartesian, cellScenario, replicationSeeds } from "../../../experiments/sweep/expand.ts";
import { parseCells } from "../../../experiments/sweep/runSweep.ts";
import type { SweepSpec } from "../../../experiments/sweep/runSweep.ts";
import { md1 } from "./fixtures.ts";

const spec = (axes: string[]): SweepSpec => ({ scenario: md1(), axes: parseAxes(axes), replications: 2, seed: 1, autoPoints: 4, slo: null });

describe("axis expansion", () => {
  it("is the cartesian product of the axes, the last axis varying fastest", () => {
    const axes: Axis[] = [
      { path: "a", values: [1, 2] },
      { path: "b", values: ["x", "y", "z"] },
    ];
    const cells = cartesian(axes);
    expect(cells.map((c) => c.values)).toEqual([
      [1, "x"],
      [1, "y"],
      [1, "z"],
      [2, "x"],
      [2, "y"],
      [2, "z"],
    ]);
    expect(cells.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("sets each axis value in a copy of the base scenario", () => {
    const base = md1(50);
    const out = cellScenario(base, [{ path: "cluster.pools[0].replicas", values: [] }], [3]) as ReturnType<typeof md1>;
    expect(out.cluster.pools[0]!.replicas).toBe(3);
    expect(base.cluster.pools[0]!.replicas).toBe(1);
    const labelled = applyLabels(base, { "workload.arrival.ratePerS": 7, "cluster.pools[0].replicas": 2 }) as ReturnType<typeof md1>;
    expect(labelled.cluster.pools[0]!.replicas).toBe(2);
    expect((labelled.workload.arrival as { ratePerS: number }).ratePerS).toBe(7);
  });

  it("gives every cell the same seeds, from the base seed on (common random numbers)", () => {
    expect(replicationSeeds(7, 3)).toEqual([7, 8, 9]);
  });

  it("labels each point with its axis values", () => {
    const { drafts, scenarios } = parseCells(spec(["workload.arrival.ratePerS=20,40", "cluster.pools[0].replicas=1,2"]));
    expect(drafts.map((d) => labelText(d.labels))).toEqual([
      "workload.arrival.ratePerS=20 cluster.pools[0].replicas=1",
      "workload.arrival.ratePerS=20 cluster.pools[0].replicas=2",
      "workload.arrival.ratePerS=40 cluster.pools[0].replicas=1",
      "workload.arrival.ratePerS=40 cluster.pools[0].replicas=2",
    ]);
    expect(scenarios[3]!.cluster.pools[0]!.replicas).toBe(2);
  });

  it("rejects a bad value or a misspelt path up front, naming the point", () => {
    expect(() => parseCells(spec(["workload.arrival.ratePerS=20,-1"]))).toThrow(/point workload\.arrival\.ratePerS=-1: invalid scenario/);
    expect(() => parseCells(spec(["workload.arival.ratePerS=20"]))).toThrow(/arival: unknown key; did you mean 'arrival'/);
    expect(() => parseCells(spec(["cluster.pools[0].batching.policy=continuous,magic"]))).toThrow(/policy=magic/);
  });

  it("needs a number at the path of an auto axis", () => {
    expect(() => parseCells(spec(["workload.arrival.kind=auto"]))).toThrow(/needs a positive number at workload\.arrival\.kind/);
  });
});
