import type { MetricEstimates } from "../sweep/aggregate.ts";
import type { Slo } from "../sweep/slo.ts";
import type { PoolHardware } from "./options.ts";

/** One probe of the search: an option at n units and an arrival rate, over every replication. */
export interface Evaluation {
  readonly units: number;
  readonly ratePerS: number;
  readonly feasible: boolean;
  /** Why it is infeasible: each objective missed, e.g. "ttftP99Ms 1,412 > 1,000". */
  readonly violations: readonly string[];
  readonly seeds: readonly number[];
  readonly scenarioHash: string;
  readonly metrics: MetricEstimates;
}

export type PlanStatus = "feasible" | "infeasible" | "interrupted";

/** The answer for one hardware option. */
export interface PlanOptionResult {
  readonly label: string;
  readonly source: string;
  readonly patch: unknown;
  readonly pools: readonly PoolHardware[];
  readonly status: PlanStatus;
  /** Why the option has no plan (infeasible up to the replica limit, or interrupted). */
  readonly reason: string | null;
  /** The smallest number of units meeting every SLO at the target rate (replicas = units × replicasPerUnit). */
  readonly units: number | null;
  readonly replicas: readonly number[] | null;
  readonly devices: number | null;
  /** The evaluation at the chosen size, and at one unit fewer (which misses an SLO). */
  readonly chosen: Evaluation | null;
  readonly oneFewer: Evaluation | null;
  /** The SLO-limited capacity: the highest arrival rate the chosen cluster sustains within every SLO. */
  readonly maxRatePerS: number | null;
  readonly usdPerHour: number | null;
  readonly avgMW: number | null;
  readonly joulesPerOutputToken: number | null;
  readonly usdPerMillionOutputTokens: number | null;
  /** Every probe the search made, in the order made. */
  readonly evaluations: readonly Evaluation[];
}

export interface PlanExperiment {
  readonly name: string;
  readonly scenarioHash: string;
  readonly scenario: unknown;
  readonly targetRatePerS: number;
  readonly ratePath: string;
  readonly slo: Slo;
  readonly maxRejectedFraction: number;
  readonly replications: number;
  readonly seeds: readonly number[];
  readonly maxUnits: number;
  readonly capacityTolerance: number;
}

/** Feasible options ranked three ways (labels, best first); options without the figure come last. */
export interface PlanRankings {
  readonly byCost: readonly string[];
  readonly byPower: readonly string[];
  readonly byDevices: readonly string[];
}

/** `plan.json` */
export interface PlanFile {
  readonly kind: "infersim-plan";
  readonly schemaVersion: number;
  readonly infersimVersion: string;
  readonly partial: boolean;
  readonly experiment: PlanExperiment;
  readonly options: readonly PlanOptionResult[];
  readonly rankings: PlanRankings;
}
