import { describe, expect, it } from "vitest";
import { JOULES_PER_KWH } from "../../hardware/power/facility.ts";
import { DEVICE_PRICES } from "../../hardware/power/prices.ts";
import { DEVICES } from "../../hardware/devices/catalog.ts";
import { runScenario } from "../../experiments/run/runScenario.ts";
import type { ScenarioInput } from "../../experiments/schema/scenario.ts";

/** Dollars, carbon and the per-pool split, on small real scenarios. */

const WORKLOAD: ScenarioInput["workload"] = {
  maxRequests: 40,
  arrival: { kind: "closedLoop", clients: 8 },
  promptTokens: { kind: "fixed", tokens: 256 },
  outputTokens: { kind: "fixed", tokens: 64 },
};

/** An H100 pool and an A100 pool behind one round-robin router. */
const TWO_POOLS: ScenarioInput = {
  sampleIntervalS: 0.25,
  workload: WORKLOAD,
  cluster: {
    pools: [
      { name: "h100", replicas: 2, device: "h100-sxm", model: "llama-3.1-8b" },
      { name: "a100", replicas: 1, device: "a100-80gb-sxm", model: "llama-3.1-8b", tensorParallel: 2 },
    ],
  },
};

describe("cost", () => {
  it("charges every provisioned device-hour at its device type's default price", () => {
    const { summary } = runScenario(TWO_POOLS);
    const hours = summary.simulatedSeconds / 3600;
    const h100 = DEVICE_PRICES["h100-sxm"]!.usdPerDeviceHour;
    const a100 = DEVICE_PRICES["a100-80gb-sxm"]!.usdPerDeviceHour;
    expect(summary.cost.deviceHours).toBeCloseTo(4 * hours, 12);
    expect(summary.cost.usd).toBeCloseTo((2 * h100 + 2 * a100) * hours, 12);
    expect(summary.cost.usdPerDeviceHour).toEqual({ "h100-sxm": h100, "a100-80gb-sxm": a100 });
    expect(summary.cost.energyUsd).toBe(0);
    expect(summary.pools[0]!.cost.usd).toBeCloseTo(2 * h100 * hours, 12);
    expect(summary.pools[1]!.cost.usd).toBeCloseTo(2 * a100 * hours, 12);
  });

  it("gives dollars per million output tokens and per 1,000 requests", () => {
    const { summary } = runScenario(TWO_POOLS);
    expect(summary.requests.completed).toBe(40);
    expect(summary.energy.outputTokens).toBe(40 * 64);
    expect(summary.cost.usdPerMillionOutputTokens!).toBeCloseTo((summary.cost.usd / (40 * 64)) * 1e6, 9);
    expect(summary.cost.usdPer1kRequests!).toBeCloseTo((summary.cost.usd / 40) * 1000, 9);
    expect(summary.cost.usdPerHour).toBeCloseTo(summary.cost.usd / (summary.simulatedSeconds / 3600), 9);
  });

  it("takes device prices and an electricity price from the scenario", () => {
    const { summary } = runScenario({ ...TWO_POOLS, cost: { usdPerDeviceHour: { "h100-sxm": 10 }, usdPerKWh: 0.12 } });
    const hours = summary.simulatedSeconds / 3600;
    const energyUsd = (summary.energy.joules / JOULES_PER_KWH) * 0.12;
    expect(summary.cost.energyUsd).toBeCloseTo(energyUsd, 12);
    expect(summary.cost.usd).toBeCloseTo((2 * 10 + 2 * DEVICE_PRICES["a100-80gb-sxm"]!.usdPerDeviceHour) * hours + energyUsd, 12);
  });

  it("charges an inline device with no price nothing, and names it", () => {
    const device = {
      name: "my-gpu",
      peakFlopsPerS: { fp16: 1e15 },
      memoryBytes: 96e9,
      memoryBandwidthBytesPerS: 4e12,
      scaleUp: { bandwidthBytesPerS: 9e11 },
      power: { maxW: 700 },
    };
    const inline: ScenarioInput = { ...TWO_POOLS, cluster: { pools: [{ device }] } };
    const unpriced = runScenario(inline).summary;
    expect(unpriced.cost.unpricedDevices).toEqual(["my-gpu"]);
    expect(unpriced.cost.deviceUsd).toBe(0);
    const priced = runScenario({ ...inline, cost: { usdPerDeviceHour: { "my-gpu": 2 } } }).summary;
    expect(priced.cost.unpricedDevices).toEqual([]);
    expect(priced.cost.usd).toBeCloseTo((2 * priced.simulatedSeconds) / 3600, 12);
  });

  it("rejects a price for a device no pool or catalog has, with a hint", () => {
    expect(() => runScenario({ ...TWO_POOLS, cost: { usdPerDeviceHour: { "h100-sx": 3 } } })).toThrow(
      /cost\.usdPerDeviceHour\.h100-sx: no such device; did you mean 'h100-sxm'\?/,
    );
  });

  it("has a documented default price for every catalog device", () => {
    for (const name of Object.keys(DEVICES)) {
      const price = DEVICE_PRICES[name];
      expect(price, name).toBeDefined();
      expect(price!.usdPerDeviceHour, name).toBeGreaterThan(0);
      expect(price!.source, name).toMatch(/^[ML]: /);
    }
  });
});

describe("energy of pools and carbon", () => {
  it("splits the cluster's energy over its pools", () => {
    const { summary } = runScenario(TWO_POOLS);
    const sum = (f: (e: (typeof summary)["energy"]) => number) => summary.pools.reduce((s, p) => s + f(p.energy), 0);
    expect(sum((e) => e.joules)).toBeCloseTo(summary.energy.joules, 6);
    expect(sum((e) => e.outputTokens)).toBe(summary.energy.outputTokens);
    expect(sum((e) => e.avgMW)).toBeCloseTo(summary.energy.avgMW, 12);
    for (const p of summary.pools) expect(p.energy.peakMW).toBeLessThanOrEqual(summary.energy.peakMW);
  });

  it("converts energy to MWh, and to grams of CO2 at the scenario's grid intensity", () => {
    const without = runScenario(TWO_POOLS).summary.energy;
    expect(without.gramsCo2).toBeNull();
    const { energy } = runScenario({ ...TWO_POOLS, energy: { gridGramsCo2PerKWh: 400 } }).summary;
    expect(energy.mwh).toBeCloseTo(energy.joules / 3.6e9, 15);
    expect(energy.gramsCo2!).toBeCloseTo((energy.joules / JOULES_PER_KWH) * 400, 9);
    expect(energy.joulesPerRequest!).toBeCloseTo(energy.joules / 40, 9);
  });

  it("scales facility energy with the PUE and leaves IT energy alone", () => {
    const base = runScenario(TWO_POOLS).summary.energy;
    const average = runScenario({ ...TWO_POOLS, energy: { pue: 1.56 } }).summary.energy;
    expect(average.itJoules).toBeCloseTo(base.itJoules, 6);
    expect(average.joules / base.joules).toBeCloseTo(1.56 / 1.2, 12);
  });
});
