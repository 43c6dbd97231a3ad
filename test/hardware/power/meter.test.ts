import { describe, expect, it } from "vitest";
import { assemble, NO_RESOURCES } from "../../../experiments/assemble.ts";
import { parseScenario } from "../../../experiments/run/runScenario.ts";
import { DEVICES } from "../../../hardware/devices/catalog.ts";
import { HOST_IDLE_SHARE, hostMaxWPerDevice, hostW } from "../../../hardware/power/host.ts";
import { powerLevels } from "../../../hardware/power/levels.ts";
import { attachEnergyMeter } from "../../../experiments/results/energyPools.ts";
import { EnergyMeter, type MeterReading, type PoolPower } from "../../../hardware/power/meter.ts";
import { stepDeviceW, stepDrawsWithinRange } from "../../../hardware/power/stepPower.ts";
import type { DecodeRun } from "../../../sim/decodeRun.ts";
import type { StepCost, StepShape } from "../../../sim/ports.ts";
import type { Replica } from "../../../sim/replica.ts";
import { decodeRunOf, growingSteps } from "../../sim/decodeRuns.ts";
import { differences } from "../../sim/fastAndPlain.ts";

const H100 = DEVICES["h100-sxm"]!;
const POOL: PoolPower = { levels: powerLevels(H100.power), devicesPerReplica: 2, hostMaxWPerDevice: hostMaxWPerDevice(H100) };
const IDLE_W = 2 * (H100.power.idleW + HOST_IDLE_SHARE * hostMaxWPerDevice(H100));
const PREFILL: StepShape = {
  prefillSeqs: 1,
  prefillTokens: 300,
  prefillAttentionPairs: 45_150,
  prefillContextTokens: 0,
  decodeSeqs: 100,
  decodeContextTokens: 50_000,
};
const COST: StepCost = { durationS: 2, computeBoundFraction: 0.5, memoryBoundFraction: 0.3 };
const STEP_W = 2 * (stepDeviceW(POOL.levels, COST) + hostW(POOL.hostMaxWPerDevice, POOL.levels, stepDeviceW(POOL.levels, COST)));

/** Two real replicas of a TP2 pool, for driving the meter by hand. */
function replicas(): Replica[] {
  const scenario = parseScenario({
    workload: { maxRequests: 1, arrival: { kind: "poisson", ratePerS: 1 }, promptTokens: { kind: "fixed", tokens: 10 }, outputTokens: { kind: "fixed", tokens: 10 } },
    cluster: { pools: [{ replicas: 2, device: "h100-sxm", model: "llama-3.1-8b", tensorParallel: 2 }] },
  });
  return assemble(scenario, 1, NO_RESOURCES).cluster.replicas;
}

describe("the energy meter", () => {
  it("charges a step's power for its duration and idle power around it", () => {
    const [a, b] = replicas();
    const meter = new EnergyMeter([POOL], [0, 0], 1.25, 0);
    meter.onStep(a!, PREFILL, COST, 3);
    const reading = meter.finish(10);
    const c = reading.cluster;
    expect(c.prefillJ + c.decodeJ).toBeCloseTo(STEP_W * 2, 9);
    expect(c.prefillJ / (c.prefillJ + c.decodeJ)).toBeCloseTo(300 / 400, 12);
    expect(c.idleJ).toBeCloseTo(IDLE_W * (8 + 10), 9);
    expect(c.deviceHours).toBeCloseTo((2 * 2 * 10) / 3600, 12);
    // Without a time series the peak is the run's mean facility power.
    expect(reading.peakWindowS).toBe(10);
    expect(c.peakFacilityW).toBeCloseTo(((c.prefillJ + c.decodeJ + c.idleJ) * 1.25) / 10, 9);
    expect(b).toBeDefined();
  });

  /** A meter that has seen a mixed step on replica a and one on b; `sampledS`: a sample taken then. */
  function meterAfterMixedSteps(a: Replica, b: Replica, sampledS?: number, pool: PoolPower = POOL): EnergyMeter {
    const meter = new EnergyMeter([pool], [0, 0], 1.25, 1);
    meter.onStep(a, PREFILL, { ...COST, durationS: 0.3 }, 2);
    meter.onStep(b, PREFILL, COST, 2.6);
    if (sampledS !== undefined) meter.sampleColumns(sampledS);
    return meter;
  }

  /**
   * Readings of two meters charged with `run` on replica a: as a run, and step by step. `way`: how the first
   * meter is expected to have charged the run (at once from its sums, or step by step as a fallback).
   */
  function byRunAndByStep(run: DecodeRun, make: () => EnergyMeter, a: Replica, way: "atOnce" | "stepwise"): [MeterReading, MeterReading] {
    const [byRun, byStep] = [make(), make()];
    byRun.onDecodeRun(a, run);
    expect([byRun.runsChargedAtOnce, byRun.runsChargedStepwise]).toEqual(way === "atOnce" ? [1, 0] : [0, 1]);
    for (let j = run.first; j <= run.last; j++) byStep.onStep(a, run.shape(j), run.cost(j), run.startS(j));
    const endS = run.endS(run.last) - 0.01;
    return [byRun.finish(endS), byStep.finish(endS)];
  }

  it("charges a decode run as its steps one by one would, up to rounding, after a mixed step and an idle gap", () => {
    const [a, b] = replicas();
    const run = decodeRunOf(2.5, growingSteps(120), 100, 50_000);
    const [readRun, readStep] = byRunAndByStep(run, () => meterAfterMixedSteps(a!, b!), a!, "atOnce");
    expect(differences(readRun, readStep, "", [], 1e-12)).toEqual([]);
    // The mixed step's prompt share is charged to prefill, the run's steps to decode.
    expect(readRun.cluster.prefillJ).toBeGreaterThan(0);
    expect(readRun.cluster.decodeJ).toBeGreaterThan(readRun.cluster.prefillJ);
    expect(readRun.pools[0]!.decodeJ).toBe(readRun.cluster.decodeJ);
  });

  it("charges a decode run step by step, bit for bit, when a sample charged the replica past the run's first start", () => {
    const [a, b] = replicas();
    const run = decodeRunOf(2.5, growingSteps(120), 100, 50_000);
    const [readRun, readStep] = byRunAndByStep(run, () => meterAfterMixedSteps(a!, b!, 2.6), a!, "stepwise");
    expect(readRun).toEqual(readStep);
  });

  it("charges a decode run step by step, bit for bit, when a step's shares leave the port's range", () => {
    const [a, b] = replicas();
    // Shares adding up to more than 1: the stall term is clamped at 0, which the run's sums cannot see.
    const steps = growingSteps(50).map((s, i) => (i === 20 ? { ...s, cost: { ...s.cost, computeBoundFraction: 0.7, memoryBoundFraction: 0.6 } } : s));
    const run = decodeRunOf(2.5, steps, 100, 50_000);
    expect(run.sums.highestShareSum).toBeGreaterThan(1);
    const [readRun, readStep] = byRunAndByStep(run, () => meterAfterMixedSteps(a!, b!), a!, "stepwise");
    expect(readRun).toEqual(readStep);
  });

  it("charges a decode run step by step, bit for bit, when its cost model gives no memory-bound share", () => {
    const [a, b] = replicas();
    const steps = growingSteps(50).map((s) => ({ ...s, cost: { ...s.cost, memoryBoundFraction: Number.NaN } }));
    const run = decodeRunOf(2.5, steps, 100, 50_000);
    expect(run.sums.memoryBoundS).toBeNaN();
    const [readRun, readStep] = byRunAndByStep(run, () => meterAfterMixedSteps(a!, b!), a!, "stepwise");
    expect(readRun).toEqual(readStep);
  });

  it("charges a decode run step by step, bit for bit, when the pool's levels let a step draw below idle", () => {
    const [a, b] = replicas();
    const pool: PoolPower = { ...POOL, levels: { ...POOL.levels, stallW: POOL.levels.idleW - 10 } };
    expect(stepDrawsWithinRange(pool.levels)).toBe(false);
    const run = decodeRunOf(2.5, growingSteps(50), 100, 50_000);
    const [readRun, readStep] = byRunAndByStep(run, () => meterAfterMixedSteps(a!, b!, undefined, pool), a!, "stepwise");
    expect(readRun).toEqual(readStep);
  });

  it("charges the rounding sliver of idle time that can fall between two of a run's steps, as step by step", () => {
    // Provisioned inside the run's first step: charging that step from then to its end falls one ulp short
    // (fromS + (endS − fromS) < endS), and the sliver up to the next step's start is idle time.
    const [a] = replicas();
    const step = (durationS: number) => ({ cost: { durationS, computeBoundFraction: 0.2, memoryBoundFraction: 0.7 }, blocks: 0 });
    const run = decodeRunOf(0, [step(0.0009585709458251273), step(0.001), step(0.001)], 8);
    const [byRun, byStep] = [0, 1].map(() => {
      const meter = new EnergyMeter([POOL], [0], 1, 0);
      meter.onReplicaRemoved(a!, 0);
      meter.onReplicaProvisioned(a!, 0.0004473690116536024);
      return meter;
    });
    byRun!.onDecodeRun(a!, run);
    for (let j = run.first; j <= run.last; j++) byStep!.onStep(a!, run.shape(j), run.cost(j), run.startS(j));
    const [readRun, readStep] = [byRun!.finish(run.endS(run.last)), byStep!.finish(run.endS(run.last))];
    expect(readRun).toEqual(readStep);
    expect(readRun.cluster.idleJ).toBeGreaterThan(0);
    expect(readRun.cluster.idleJ).toBeLessThan(1e-12);
  });

  it("charges every decode run of a roofline model's replicas at once, and of a fixed step time step by step", () => {
    const runs = (costModel: object | undefined): [number, number] => {
      const scenario = parseScenario({
        sampleIntervalS: 10,
        workload: { maxRequests: 2000, arrival: { kind: "poisson", ratePerS: 6 }, promptTokens: { kind: "lognormal", median: 600, sigma: 1, min: 8, max: 4000 }, outputTokens: { kind: "lognormal", median: 200, sigma: 1, min: 1, max: 2000 } },
        cluster: { pools: [{ replicas: 2, device: "h100-sxm", model: "llama-3.1-8b", ...(costModel === undefined ? {} : { costModel }) }] },
      });
      const { cluster, pools } = assemble(scenario, 1, NO_RESOURCES);
      const meter = attachEnergyMeter(cluster, scenario, pools);
      cluster.run();
      return [meter.runsChargedAtOnce, meter.runsChargedStepwise];
    };
    const [rooflineAtOnce, rooflineStepwise] = runs(undefined);
    expect(rooflineAtOnce).toBeGreaterThan(1000);
    expect(rooflineStepwise).toBe(0);
    // A fixed step time gives no memory-bound share, so its runs fall back (their draw is exact either way).
    const [fixedAtOnce, fixedStepwise] = runs({ kind: "fixed", stepS: 0.02 });
    expect(fixedAtOnce).toBe(0);
    expect(fixedStepwise).toBeGreaterThan(1000);
  });

  it("charges a step cut short by the end of the run only up to the end", () => {
    const [a] = replicas();
    const meter = new EnergyMeter([POOL], [0, 0], 1, 0);
    meter.onStep(a!, PREFILL, COST, 9);
    const c = meter.finish(10).cluster;
    expect(c.prefillJ + c.decodeJ).toBeCloseTo(STEP_W * 1, 9);
  });

  it("charges nothing while a replica is released, and idle power once it is provisioned again", () => {
    const [a, b] = replicas();
    const meter = new EnergyMeter([POOL], [0, 0], 1, 0);
    meter.onReplicaPhase(b!, "off", 0);
    meter.onReplicaRemoved(a!, 10);
    meter.onReplicaPhase(a!, "provisioning", 30);
    meter.onReplicaPhase(a!, "active", 35);
    const c = meter.finish(50).cluster;
    expect(c.idleJ).toBeCloseTo(IDLE_W * (10 + 20), 9);
    expect(c.deviceHours).toBeCloseTo((2 * 30) / 3600, 12);
  });

  it("reports facility MW averaged over each sample interval, and the highest as the peak", () => {
    const [a] = replicas();
    const meter = new EnergyMeter([POOL], [0, 0], 1.5, 4);
    meter.onStep(a!, PREFILL, COST, 1); // runs from 1 s to 3 s
    const first = meter.sampleColumns(4).facilityMW!;
    const second = meter.sampleColumns(8).facilityMW!;
    expect(first * 1e6).toBeCloseTo(((STEP_W * 2 + IDLE_W * 2 + IDLE_W * 4) * 1.5) / 4, 6);
    expect(second * 1e6).toBeCloseTo(2 * IDLE_W * 1.5, 6);
    const reading = meter.finish(8);
    expect(reading.peakWindowS).toBe(4);
    expect(reading.cluster.peakFacilityW).toBeCloseTo(first * 1e6, 6);
  });
});
