import { describe, expect, it } from "vitest";
import { DEVICES } from "../../hardware/devices/catalog.ts";
import { HOST_IDLE_SHARE, hostMaxWPerDevice } from "../../hardware/power/host.ts";
import { timeseriesCsv } from "../../experiments/results/timeseriesCsv.ts";
import { runScenario } from "../../experiments/run/runScenario.ts";
import type { ScenarioInput } from "../../experiments/schema/scenario.ts";

/** End-to-end energy accounting: real scenarios, no mocks. */

const H100 = DEVICES["h100-sxm"]!;
/** One idle H100 with its share of a DGX H100's host power, watts. */
const H100_IDLE_W = H100.power.idleW + HOST_IDLE_SHARE * hostMaxWPerDevice(H100);

/** Closed-loop clients with fixed lengths: every replica sees the very same steps. */
function closedLoop(clients: number, replicas: number, requestsPerClient: number): ScenarioInput {
  return {
    seed: 3,
    sampleIntervalS: 0.5,
    workload: {
      maxRequests: clients * requestsPerClient,
      arrival: { kind: "closedLoop", clients },
      promptTokens: { kind: "fixed", tokens: 512 },
      outputTokens: { kind: "fixed", tokens: 128 },
    },
    cluster: { pools: [{ name: "h100", replicas, device: "h100-sxm", model: "llama-3.1-8b" }] },
  };
}

describe("an idle cluster", () => {
  // The first request arrives at 100 s, after the 40 s horizon: nothing ever runs.
  const idle = (pue?: number): ScenarioInput => ({
    horizonS: 40,
    sampleIntervalS: 5,
    workload: {
      durationS: 1000,
      arrival: { kind: "deterministic", ratePerS: 0.01 },
      promptTokens: { kind: "fixed", tokens: 100 },
      outputTokens: { kind: "fixed", tokens: 10 },
    },
    cluster: { pools: [{ replicas: 3, device: "h100-sxm", model: "llama-3.1-8b", tensorParallel: 2 }] },
    ...(pue === undefined ? {} : { energy: { pue } }),
  });

  it("draws exactly its idle power × PUE for the whole horizon", () => {
    const { summary } = runScenario(idle(1.5));
    const idleW = 3 * 2 * H100_IDLE_W;
    expect(summary.simulatedSeconds).toBe(40);
    expect(summary.energy.joules).toBeCloseTo(idleW * 1.5 * 40, 6);
    expect(summary.energy.itJoules).toBeCloseTo(idleW * 40, 6);
    expect(summary.energy.byPhase.idleJ).toBeCloseTo(summary.energy.joules, 6);
    expect(summary.energy.byPhase.prefillJ + summary.energy.byPhase.decodeJ).toBe(0);
    expect(summary.energy.avgMW).toBeCloseTo((idleW * 1.5) / 1e6, 12);
    expect(summary.energy.peakMW).toBeCloseTo(summary.energy.avgMW, 12);
    expect(summary.energy.joulesPerOutputToken).toBeNull();
  });

  it("reports the same facility power in every time-series interval", () => {
    const { timeseries, summary } = runScenario(idle());
    expect(summary.energy.pue).toBe(1.2);
    expect(timeseries).toHaveLength(8);
    for (const s of timeseries) expect(s.extra.facilityMW).toBeCloseTo((3 * 2 * H100_IDLE_W * 1.2) / 1e6, 12);
  });

  it("is billed for every provisioned device-hour even when it serves nothing", () => {
    const { summary } = runScenario({ ...idle(), cost: { usdPerDeviceHour: { "h100-sxm": 3.6 } } });
    expect(summary.cost.deviceHours).toBeCloseTo((6 * 40) / 3600, 12);
    expect(summary.cost.usd).toBeCloseTo(6 * 40 * 0.001, 12);
    expect(summary.cost.usdPerMillionOutputTokens).toBeNull();
  });
});

describe("LPU and wafer-scale systems", () => {
  const idleOn = (device: string, model: string, weightPrecision: "fp16" | "int8"): ScenarioInput => ({
    horizonS: 10,
    workload: {
      durationS: 1000,
      arrival: { kind: "deterministic", ratePerS: 0.01 },
      promptTokens: { kind: "fixed", tokens: 100 },
      outputTokens: { kind: "fixed", tokens: 10 },
    },
    cluster: { pools: [{ device, model, weightPrecision, maxContextTokens: 4096 }] },
    energy: { pue: 1 },
  });

  it("meter a CS-3 as its whole 23 kW system: idle at the system's idle draw, with no separate host", () => {
    const wafer = DEVICES["cerebras-wse3"]!;
    expect(hostMaxWPerDevice(wafer)).toBe(0);
    const { summary } = runScenario(idleOn("cerebras-wse3", "llama-3.1-8b", "fp16"));
    expect(summary.pools[0]!.devicesPerReplica).toBe(1);
    expect(summary.energy.avgMW * 1e6).toBeCloseTo(wafer.power.idleW, 6);
    expect(summary.energy.hostJoules).toBe(0);
  });

  it("meter Groq chips with their GroqNode's host share, for every chip of the replica", () => {
    const lpu = DEVICES["groq-lpu"]!;
    const { summary } = runScenario(idleOn("groq-lpu", "llama-2-70b", "int8"));
    const chips = summary.pools[0]!.devicesPerReplica;
    expect(chips).toBeGreaterThan(300);
    expect(summary.energy.avgMW * 1e6).toBeCloseTo(chips * (lpu.power.idleW + HOST_IDLE_SHARE * hostMaxWPerDevice(lpu)), 6);
  });
});

describe("energy per token", () => {
  it("falls by an order of magnitude from batch 1 to a batch of 128 on the same GPU", () => {
    const one = runScenario(closedLoop(1, 1, 4)).summary;
    const many = runScenario(closedLoop(128, 1, 2)).summary;
    const ratio = one.energy.joulesPerOutputToken! / many.energy.joulesPerOutputToken!;
    expect(ratio).toBeGreaterThan(10);
    // The batch draws more power, but far less than proportionally to its throughput.
    expect(many.energy.avgMW).toBeGreaterThan(one.energy.avgMW);
  });

  it("splits a run's energy into prefill, decode and idle, summing to the total", () => {
    const { energy } = runScenario(closedLoop(8, 1, 3)).summary;
    const p = energy.byPhase;
    expect(p.prefillJ).toBeGreaterThan(0);
    expect(p.decodeJ).toBeGreaterThan(p.prefillJ);
    expect(p.prefillJ + p.decodeJ + p.idleJ).toBeCloseTo(energy.joules, 6);
    expect(energy.deviceJoules + energy.hostJoules).toBeCloseTo(energy.itJoules, 6);
  });
});

describe("scaling", () => {
  it("draws N× the power at the same J/token from N replicas at the same per-replica load", () => {
    const one = runScenario(closedLoop(16, 1, 3)).summary;
    const four = runScenario(closedLoop(64, 4, 3)).summary;
    expect(four.simulatedSeconds).toBeCloseTo(one.simulatedSeconds, 9);
    expect(four.energy.avgMW / one.energy.avgMW).toBeCloseTo(4, 9);
    expect(four.energy.peakMW / one.energy.peakMW).toBeCloseTo(4, 9);
    expect(four.energy.joulesPerOutputToken!).toBeCloseTo(one.energy.joulesPerOutputToken!, 9);
    expect(four.cost.usdPerMillionOutputTokens!).toBeCloseTo(one.cost.usdPerMillionOutputTokens!, 9);
  });
});

describe("facility power over time", () => {
  it("adds facilityMW to timeseries.csv, averaged over each interval so that it integrates to the energy", () => {
    const result = runScenario(closedLoop(32, 2, 2));
    const csv = timeseriesCsv(result.timeseries);
    expect(csv.split("\n")[0]).toContain("facilityMW");
    let joules = 0;
    let previousS = 0;
    for (const s of result.timeseries) {
      joules += s.extra.facilityMW! * 1e6 * (s.timeS - previousS);
      previousS = s.timeS;
    }
    // The samples cover the run up to the last one; the rest of the run is less than one interval.
    const e = result.summary.energy;
    const tailJ = e.joules - joules;
    expect(tailJ).toBeGreaterThanOrEqual(-1e-6);
    expect(tailJ).toBeLessThanOrEqual(e.peakMW * 1e6 * 0.5 + 1e-6);
    expect(e.peakMW).toBe(Math.max(...result.timeseries.map((s) => s.extra.facilityMW!)));
    expect(e.peakWindowS).toBe(0.5);
  });
});

describe("power cap", () => {
  const capped = (powerCapW?: number): ScenarioInput => ({
    ...closedLoop(32, 1, 2),
    cluster: {
      pools: [{ replicas: 1, device: "h100-sxm", model: "llama-3.1-8b", ...(powerCapW === undefined ? {} : { powerCapW }) }],
    },
  });

  it("lowers peak power and slows prefill when the cap is below the compute-bound draw", () => {
    const free = runScenario(capped()).summary;
    const cap = runScenario(capped(400)).summary;
    expect(cap.energy.peakMW).toBeLessThan(free.energy.peakMW);
    expect(cap.latency.ttftMs.mean!).toBeGreaterThan(free.latency.ttftMs.mean!);
  });

  it("changes nothing when the cap is at or above the device's TDP", () => {
    const free = runScenario(capped()).summary;
    const cap = runScenario(capped(700)).summary;
    expect(cap.energy).toEqual(free.energy);
    expect(cap.latency).toEqual(free.latency);
  });

  it("rejects a cap at or below the device's idle draw, naming the field", () => {
    expect(() => runScenario(capped(50))).toThrow(/cluster\.pools\[0\]\.powerCapW: .*idle draw \(75 W\)/);
  });
});

describe("autoscaled pools", () => {
  // Depends on the cluster's autoscaling (pools' `autoscaling`, replicas reported through onReplicaPhase).
  it("are metered and billed only while their replicas are provisioned", () => {
    const scenario: ScenarioInput = {
      seed: 4,
      sampleIntervalS: 30,
      workload: {
        durationS: 1200,
        arrival: { kind: "diurnal", meanRatePerS: 3, peakToTroughRatio: 6, periodS: 1200, peakAtS: 600 },
        promptTokens: { kind: "fixed", tokens: 300 },
        outputTokens: { kind: "fixed", tokens: 60 },
      },
      cluster: {
        pools: [
          {
            name: "h100",
            device: "h100-sxm",
            model: "llama-3.1-8b",
            tensorParallel: 2,
            replicas: 1,
            autoscaling: { policy: "rate", ratePerReplicaPerS: 1.5, maxReplicas: 4, provisioningDelayS: 30, modelLoadS: 30 },
          },
        ],
      },
    };
    const { summary } = runScenario(scenario);
    const pool = summary.pools[0]!;
    expect(pool.replicaHours).toBeLessThan((4 * summary.simulatedSeconds) / 3600);
    expect(summary.cost.deviceHours).toBeCloseTo(2 * pool.replicaHours, 9);
    // At least the idle draw of the replicas for the hours they were provisioned.
    expect(summary.energy.byPhase.idleJ).toBeGreaterThan(0);
    expect(summary.energy.itJoules).toBeGreaterThan(2 * H100_IDLE_W * pool.replicaHours * 3600);
  });
});
