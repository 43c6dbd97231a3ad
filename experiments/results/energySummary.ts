import { JOULES_PER_KWH, JOULES_PER_MWH, S_PER_HOUR, W_PER_MW } from "../../hardware/power/facility.ts";
import type { EnergyTotals, MeterReading } from "../../hardware/power/meter.ts";
import { DEVICE_PRICES } from "../../hardware/power/prices.ts";
import type { ClusterRun } from "../../sim/cluster.ts";
import type { ResolvedPool } from "../assemble.ts";
import type { Scenario } from "../schema/scenario.ts";

/** Facility joules by what the replicas were doing. */
export interface EnergyByPhase {
  /** Steps' energy in proportion to their prefill tokens (a mixed step is split by token count). */
  readonly prefillJ: number;
  readonly decodeJ: number;
  /** Provisioned replicas with no step running. */
  readonly idleJ: number;
}

/** `summary.energy` (and each pool's `energy`). Facility figures: IT energy × PUE. */
export interface EnergySummary {
  readonly joules: number;
  readonly mwh: number;
  /** Mean facility power over the simulated span. */
  readonly avgMW: number;
  /** Highest facility power averaged over `peakWindowS` (the time-series interval). */
  readonly peakMW: number;
  readonly peakWindowS: number;
  /** Facility joules per output token generated in the run (null when none was). */
  readonly joulesPerOutputToken: number | null;
  /** Facility joules per completed request (null when none completed). */
  readonly joulesPerRequest: number | null;
  /** Output tokens generated in the run, by requests completed or still in flight. */
  readonly outputTokens: number;
  readonly pue: number;
  /** IT energy (devices and hosts), before PUE, and its two parts. */
  readonly itJoules: number;
  readonly deviceJoules: number;
  readonly hostJoules: number;
  readonly byPhase: EnergyByPhase;
  /** Grams of CO2 at the scenario's grid intensity (null when none is given). */
  readonly gramsCo2: number | null;
}

/** `summary.cost` (and each pool's `cost`). */
export interface CostSummary {
  readonly usd: number;
  /** Provisioned device-hours at their price. */
  readonly deviceUsd: number;
  /** Facility kWh at `usdPerKWh`. */
  readonly energyUsd: number;
  readonly usdPerHour: number;
  readonly usdPerMillionOutputTokens: number | null;
  readonly usdPer1kRequests: number | null;
  readonly deviceHours: number;
  /** Price per device-hour used, by device name. */
  readonly usdPerDeviceHour: Readonly<Record<string, number>>;
  readonly usdPerKWh: number;
  /** Devices with no default price and no `cost.usdPerDeviceHour` entry: charged nothing. */
  readonly unpricedDevices: readonly string[];
}

export interface PoolEnergyCost {
  readonly energy: EnergySummary;
  readonly cost: CostSummary;
}

export interface EnergyReport extends PoolEnergyCost {
  /** Per pool, in the order of `cluster.pools`. */
  readonly pools: readonly PoolEnergyCost[];
}

/** The price of one device-hour of this device, or undefined when there is none. */
export function devicePrice(scenario: Scenario, deviceName: string): number | undefined {
  return scenario.cost.usdPerDeviceHour[deviceName] ?? DEVICE_PRICES[deviceName]?.usdPerDeviceHour;
}

const perUnit = (value: number, units: number, scale = 1): number | null => (units > 0 ? (value / units) * scale : null);

function energyOf(t: EnergyTotals, reading: MeterReading, scenario: Scenario, outputTokens: number, completed: number): EnergySummary {
  const pue = reading.pue;
  const itJoules = t.prefillJ + t.decodeJ + t.idleJ;
  const joules = itJoules * pue;
  const grid = scenario.energy.gridGramsCo2PerKWh;
  return {
    joules,
    mwh: joules / JOULES_PER_MWH,
    avgMW: reading.endS > 0 ? joules / reading.endS / W_PER_MW : 0,
    peakMW: t.peakFacilityW / W_PER_MW,
    peakWindowS: reading.peakWindowS,
    joulesPerOutputToken: perUnit(joules, outputTokens),
    joulesPerRequest: perUnit(joules, completed),
    outputTokens,
    pue,
    itJoules,
    deviceJoules: t.deviceJ,
    hostJoules: t.hostJ,
    byPhase: { prefillJ: t.prefillJ * pue, decodeJ: t.decodeJ * pue, idleJ: t.idleJ * pue },
    gramsCo2: grid === undefined ? null : (joules / JOULES_PER_KWH) * grid,
  };
}

interface PricedHours {
  readonly deviceHours: number;
  readonly deviceUsd: number;
  readonly usdPerDeviceHour: Readonly<Record<string, number>>;
  readonly unpricedDevices: readonly string[];
}

function costOf(hours: PricedHours, energy: EnergySummary, reading: MeterReading, scenario: Scenario, completed: number): CostSummary {
  const usdPerKWh = scenario.cost.usdPerKWh;
  const energyUsd = (energy.joules / JOULES_PER_KWH) * usdPerKWh;
  const usd = hours.deviceUsd + energyUsd;
  return {
    usd,
    deviceUsd: hours.deviceUsd,
    energyUsd,
    usdPerHour: reading.endS > 0 ? usd / (reading.endS / S_PER_HOUR) : 0,
    usdPerMillionOutputTokens: perUnit(usd, energy.outputTokens, 1e6),
    usdPer1kRequests: perUnit(usd, completed, 1000),
    deviceHours: hours.deviceHours,
    usdPerDeviceHour: hours.usdPerDeviceHour,
    usdPerKWh,
    unpricedDevices: hours.unpricedDevices,
  };
}

function pricedHours(pools: readonly { deviceHours: number; device: string; price: number | undefined }[]): PricedHours {
  const usdPerDeviceHour: Record<string, number> = {};
  const unpriced = new Set<string>();
  let deviceHours = 0;
  let deviceUsd = 0;
  for (const p of pools) {
    deviceHours += p.deviceHours;
    if (p.price === undefined) unpriced.add(p.device);
    else {
      usdPerDeviceHour[p.device] = p.price;
      deviceUsd += p.deviceHours * p.price;
    }
  }
  return { deviceHours, deviceUsd, usdPerDeviceHour, unpricedDevices: [...unpriced] };
}

/** Energy and cost of the cluster and of each pool, from the meter's reading and the run's requests. */
export function energyReport(reading: MeterReading, run: ClusterRun, pools: readonly ResolvedPool[], scenario: Scenario): EnergyReport {
  const poolTokens = pools.map((_, i) => run.ledger.poolTally(i).generatedTokens);
  const poolCompleted = pools.map((_, i) => run.ledger.poolTally(i).completed);
  const hours = pools.map((p, i) => ({
    deviceHours: reading.pools[i]!.deviceHours,
    device: p.device.name,
    price: devicePrice(scenario, p.device.name),
  }));
  const poolReports = pools.map((_, i) => {
    const energy = energyOf(reading.pools[i]!, reading, scenario, poolTokens[i]!, poolCompleted[i]!);
    return { energy, cost: costOf(pricedHours([hours[i]!]), energy, reading, scenario, poolCompleted[i]!) };
  });
  const tokens = poolTokens.reduce((a, b) => a + b, 0);
  const completed = poolCompleted.reduce((a, b) => a + b, 0);
  const energy = energyOf(reading.cluster, reading, scenario, tokens, completed);
  return { energy, cost: costOf(pricedHours(hours), energy, reading, scenario, completed), pools: poolReports };
}
