import { describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../../experiments/schema/scenario.ts";
import { runScenario } from "./helpers.ts";

/** Long prompts (Splitwise-style) on Llama-2-70B, TP4 on H100: 16 GPUs either way. */
const workload = {
  durationS: 120,
  arrival: { kind: "poisson", ratePerS: 3 },
  promptTokens: { kind: "lognormal", median: 3000, sigma: 0.4, max: 3800 },
  outputTokens: { kind: "lognormal", median: 200, sigma: 0.5, max: 280 },
} as const;
const replica = { device: "h100-sxm", model: "llama-2-70b", tensorParallel: 4 } as const;

const mixed: ScenarioInput = {
  seed: 2,
  workload,
  cluster: { router: { policy: "leastOutstanding" }, pools: [{ name: "mixed", ...replica, replicas: 4 }] },
};
const disaggregated = (bandwidthBytesPerS?: number): ScenarioInput => ({
  seed: 2,
  workload,
  cluster: {
    pools: [
      { name: "prefill", role: "prefill", ...replica, replicas: 2 },
      {
        name: "decode",
        role: "decode",
        ...replica,
        replicas: 2,
        ...(bandwidthBytesPerS === undefined ? {} : { kvTransfer: { bandwidthBytesPerS, latencyS: 0 } }),
      },
    ],
  },
});

describe("disaggregated prefill and decode", () => {
  it("lowers p99 TPOT against the same GPUs run mixed, on long prompts", () => {
    const m = runScenario(mixed).summary;
    const d = runScenario(disaggregated()).summary;
    expect(d.requests.completed).toBe(d.requests.arrived);
    expect(d.latency.tpotMs.p99!).toBeLessThan(m.latency.tpotMs.p99! * 0.8);
  });

  it("pays the KV transfer in TTFT: a slower link raises TTFT by about bytes / bandwidth", () => {
    const fast = runScenario(disaggregated(1e12));
    const slow = runScenario(disaggregated(1e9));
    // A 3,000-token Llama-2-70B KV cache is 3,000 × 327,680 B ≈ 0.98 GB: about 1 s at 1 GB/s, 1 ms at 1 TB/s.
    const first = (r: typeof fast) => r.requests[0]!;
    const bytes = first(fast).promptTokens * 327_680;
    const extraMs = first(slow).ttftMs - first(fast).ttftMs;
    expect(extraMs).toBeGreaterThan(0.9 * (bytes / 1e9) * 1000);
    expect(slow.summary.latency.ttftMs.mean!).toBeGreaterThan(fast.summary.latency.ttftMs.mean!);
  });

  it("hands every request from the prefill pool to the decode pool", () => {
    const d = runScenario(disaggregated()).summary;
    const prefill = d.pools.find((p) => p.name === "prefill")!;
    const decode = d.pools.find((p) => p.name === "decode")!;
    expect(prefill.requests.arrived).toBe(0);
    expect(decode.requests.completed).toBe(d.requests.completed);
    expect(d.replicas.filter((r) => r.pool === "prefill").every((r) => r.steps > 0)).toBe(true);
  });

  it("keeps requests in transfer at the horizon in flight, and conservation holds per pool", () => {
    const s = runScenario({ ...disaggregated(2e8), horizonS: 40 }).summary;
    expect(s.requests.inFlight).toBeGreaterThan(0);
    expect(s.requests.arrived).toBe(s.requests.completed + s.requests.rejected + s.requests.inFlight);
    for (const p of s.pools) {
      expect(p.requests.arrived).toBe(p.requests.completed + p.requests.rejected + p.requests.inFlight);
    }
    const again = runScenario({ ...disaggregated(2e8), horizonS: 40 }).summary;
    expect(JSON.stringify(again)).toBe(JSON.stringify(s));
  });

  it("refuses a prefill pool without a decode pool", () => {
    expect(() =>
      runScenario({ ...mixed, cluster: { pools: [{ role: "prefill", ...replica, replicas: 1 }] } }),
    ).toThrow("cluster.pools: a prefill pool needs a decode pool to hand its requests to");
  });
});
