import { InputError } from "../errors.ts";
import { closest } from "../schema/didYouMean.ts";
import { LATENCY_METRICS } from "./metrics.ts";
import type { LatencyMetricName } from "./metrics.ts";

/** Service-level objectives: latency metric name → the largest acceptable value in milliseconds. */
export type Slo = Readonly<Partial<Record<LatencyMetricName, number>>>;

/** Read `ttftP99Ms=1000,tpotP99Ms=100`; unknown names get a "did you mean". */
export function parseSlo(text: string): Slo {
  const out: Partial<Record<LatencyMetricName, number>> = {};
  const names = Object.keys(LATENCY_METRICS);
  for (const part of text.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    if (eq < 0) throw new InputError(`--slo '${part}': expected name=milliseconds, e.g. ttftP99Ms=1000`);
    if (!(key in LATENCY_METRICS)) {
      const guess = closest(key, names);
      throw new InputError(
        `--slo: unknown metric '${key}'; ${guess === undefined ? `expected one of ${names.join(", ")}` : `did you mean '${guess}'?`}`,
      );
    }
    const value = Number(part.slice(eq + 1));
    if (!(Number.isFinite(value) && value > 0)) throw new InputError(`--slo ${key}: expected a positive number of milliseconds, got '${part.slice(eq + 1)}'`);
    out[key as LatencyMetricName] = value;
  }
  if (Object.keys(out).length === 0) throw new InputError("--slo: give at least one objective, e.g. ttftP99Ms=1000");
  return out;
}

/** The per-request thresholds an SLO implies: each request's TTFT, TPOT and E2E against the tightest objective on it. */
export interface RequestThresholds {
  readonly ttftMs: number;
  readonly tpotMs: number;
  readonly e2eMs: number;
}

export function requestThresholds(slo: Slo): RequestThresholds {
  const tightest = (prefix: string): number =>
    Math.min(
      Number.POSITIVE_INFINITY,
      ...Object.entries(slo)
        .filter(([k]) => k.startsWith(prefix))
        .map(([, v]) => v),
    );
  return { ttftMs: tightest("ttft"), tpotMs: tightest("tpot"), e2eMs: tightest("e2e") };
}

/** `ttftP99Ms ≤ 1000, tpotP99Ms ≤ 100` */
export function sloText(slo: Slo): string {
  return Object.entries(slo)
    .map(([k, v]) => `${k} ≤ ${v}`)
    .join(", ");
}
