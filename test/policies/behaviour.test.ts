import { describe, expect, it } from "vitest";
import { runScenario } from "../../experiments/run/runScenario.ts";
import type { ScenarioInput } from "../../experiments/schema/scenario.ts";
import { DEVICES } from "../../hardware/devices/catalog.ts";
import { MODELS } from "../../hardware/models/catalog.ts";
import { kvBytesPerToken } from "../../hardware/models/derived.ts";

type Workload = ScenarioInput["workload"];
type Pool = NonNullable<ScenarioInput["cluster"]["pools"]>[number];

/** One H100 replica of Llama-3.1-8B (the defaults) under `workload`, seed 1. */
function run(workload: Workload, pool: Pool = {}) {
  return runScenario({ seed: 1, sampleIntervalS: 0.5, workload, cluster: { pools: [{ replicas: 1, ...pool }] } });
}

describe("batching", () => {
  it("at a load where the static batch waits, continuous batching has lower mean TTFT and higher throughput than static batching on the same traffic", () => {
    const workload: Workload = {
      maxRequests: 200,
      arrival: { kind: "poisson", ratePerS: 3 },
      promptTokens: { kind: "uniform", min: 128, max: 1024 },
      outputTokens: { kind: "uniform", min: 16, max: 512 },
    };
    const continuous = run(workload).summary;
    const stat = run(workload, { batching: { policy: "static", batchSize: 32, maxWaitS: 4 } }).summary;
    // The static batcher waits: its batches start partial, after the head has waited maxWaitS.
    expect(stat.engine.meanBatchSeqs).toBeLessThan(32);
    expect(stat.requests.completed).toBe(200);
    expect(continuous.requests.completed).toBe(200);
    expect(continuous.latency.ttftMs.mean!).toBeLessThan(stat.latency.ttftMs.mean! / 10); // ≈ 33 ms vs 4,300 ms
    expect(continuous.throughput.outputTokensPerS).toBeGreaterThan(1.05 * stat.throughput.outputTokensPerS); // ≈ 720 vs 650
  });

  it("chunked prefill lowers p99 inter-token latency versus prefill-first continuous batching when long prompts arrive among running decodes", () => {
    const workload: Workload = {
      durationS: 30,
      arrival: { kind: "poisson", ratePerS: 6 },
      promptTokens: { kind: "fixed", tokens: 200 },
      outputTokens: { kind: "fixed", tokens: 300 },
      classes: [
        { name: "chat", share: 0.9 },
        { name: "document", share: 0.1, promptTokens: { kind: "fixed", tokens: 8000 }, outputTokens: { kind: "fixed", tokens: 20 } },
      ],
    };
    const prefillFirst = run(workload).summary;
    const chunked = run(workload, { batching: { policy: "chunkedPrefill", tokenBudget: 512 } }).summary;
    expect(chunked.requests.completed).toBe(prefillFirst.requests.completed);
    // A whole 8,000-token prefill stalls every decode for its duration; 512-token chunks stall them a little.
    expect(chunked.latency.itlMs.p99!).toBeLessThan(prefillFirst.latency.itlMs.p99! / 3); // ≈ 50 ms vs 390 ms
    const chat = (s: typeof chunked) => s.classes.find((c) => c.name === "chat")!;
    expect(chat(chunked).latency.itlMs.p99!).toBeLessThan(chat(prefillFirst).latency.itlMs.p99!);
  });

  it("speculative decoding pays at batch size 1 (memory-bound) and costs throughput at a large batch", () => {
    const decodeHeavy = (clients: number): Workload => ({
      maxRequests: 2 * clients,
      arrival: { kind: "closedLoop", clients },
      promptTokens: { kind: "fixed", tokens: 64 },
      outputTokens: { kind: "fixed", tokens: 256 },
    });
    const pool: Pool = {
      costModel: { kind: "roofline", profile: "optimized" },
      batching: { policy: "continuous", priority: "decode-first", maxNumSeqs: 512 },
    };
    const speculative = { k: 4, acceptanceRate: 0.6, draftCostFraction: 0.1 };
    const single = run(decodeHeavy(1), pool).summary;
    const singleSpec = run(decodeHeavy(1), { ...pool, speculative }).summary;
    expect(singleSpec.latency.tpotMs.mean!).toBeLessThan(0.8 * single.latency.tpotMs.mean!); // ≈ 4.4 vs 6.9 ms
    const large = run(decodeHeavy(256), pool).summary;
    const largeSpec = run(decodeHeavy(256), { ...pool, speculative }).summary;
    // k + 1 tokens per sequence make a large batch's verification compute-bound: more time per emitted token.
    expect(largeSpec.throughput.outputTokensPerS).toBeLessThan(large.throughput.outputTokensPerS); // ≈ 13,800 vs 17,500
    expect(largeSpec.engine.speculative.acceptedShare).toBeGreaterThan(0.3);
  });
});

describe("KV cache", () => {
  const busy: Workload = {
    maxRequests: 400,
    arrival: { kind: "poisson", ratePerS: 50 },
    promptTokens: { kind: "uniform", min: 100, max: 800 },
    outputTokens: { kind: "uniform", min: 20, max: 400 },
  };

  it("PagedAttention admits more concurrent sequences and reaches higher throughput than the contiguous baseline on the same memory", () => {
    const paged = run(busy, { kv: { capacityBlocks: 2048 } });
    const contiguous = run(busy, { kv: { capacityBlocks: 2048, allocator: { policy: "contiguous", reserveTokens: 2048 } } });
    const peakRunning = (r: typeof paged) => Math.max(...r.timeseries.map((s) => s.runningSeqs));
    expect(peakRunning(paged)).toBeGreaterThan(2 * peakRunning(contiguous));
    expect(paged.summary.engine.meanBatchSeqs).toBeGreaterThan(2 * contiguous.summary.engine.meanBatchSeqs); // ≈ 40 vs 14
    expect(paged.summary.throughput.outputTokensPerS).toBeGreaterThan(1.5 * contiguous.summary.throughput.outputTokensPerS);
    // The vLLM paper's 60–80% waste of reserve-the-maximum systems, against a few percent for paging.
    expect(contiguous.summary.kv.wasteFraction).toBeGreaterThan(0.6);
    expect(paged.summary.kv.wasteFraction).toBeLessThan(0.05);
  });

  it("with a tight KV budget, recompute and swap preemption both complete every request, and swapping costs what the host link says", () => {
    const tight: Workload = {
      maxRequests: 200,
      arrival: { kind: "poisson", ratePerS: 20 },
      promptTokens: { kind: "uniform", min: 100, max: 800 },
      outputTokens: { kind: "uniform", min: 100, max: 800 },
    };
    const kv = { capacityBlocks: 400 };
    const h100 = DEVICES["h100-sxm"]!;
    // The same H100 (same name, so the same calibration) with a host link a tenth as fast.
    const slowHost = { ...h100, hostLink: { bandwidthBytesPerS: h100.hostLink.bandwidthBytesPerS / 10 } };
    const recompute = run(tight, { kv }).summary;
    const swap = run(tight, { kv, preemption: { policy: "newestFirst", mode: "swap" } }).summary;
    const swapSlow = run(tight, { kv, device: slowHost, preemption: { policy: "newestFirst", mode: "swap" } }).summary;
    for (const s of [recompute, swap, swapSlow]) expect(s.requests.completed).toBe(200);

    expect(recompute.kv.recomputePreemptions).toBeGreaterThan(20);
    expect(swap.kv.swapPreemptions).toBeGreaterThan(20);
    expect(swap.kv.recomputePreemptions).toBe(0);
    // Recompute redoes prefills; swap does none again but waits for copies.
    const promptTokens = run(tight, { kv: { capacityBlocks: 100_000 } }).summary.engine.prefillTokens;
    expect(recompute.engine.prefillTokens).toBeGreaterThan(1.5 * promptTokens);
    expect(swap.engine.prefillTokens).toBe(promptTokens);
    expect(recompute.kv.swapS).toBe(0);
    // Each block crosses one direction of the host link: 16 tokens × KV bytes per token / (bandwidth / 2).
    const blockBytes = 16 * kvBytesPerToken(MODELS["llama-3.1-8b"]!, "fp16");
    const perBlockS = (device: typeof h100) => blockBytes / (device.hostLink.bandwidthBytesPerS / 2);
    for (const [s, device] of [[swap, h100], [swapSlow, slowHost]] as const) {
      expect(s.kv.swapInBlocks).toBe(s.kv.swapOutBlocks);
      expect(s.kv.swapS).toBeCloseTo((s.kv.swapOutBlocks + s.kv.swapInBlocks) * perBlockS(device), 9);
    }
    expect(swapSlow.kv.swapS).toBeGreaterThan(5 * swap.kv.swapS); // ≈ 3.7 s vs 0.37 s of copies
    expect(swapSlow.simulatedSeconds).toBeGreaterThan(swap.simulatedSeconds);
  });

  it("prefix caching with a shared 1,000-token system prompt reduces prefill work and TTFT", () => {
    const workload: Workload = {
      maxRequests: 300,
      arrival: { kind: "poisson", ratePerS: 10 },
      promptTokens: { kind: "uniform", min: 50, max: 300 },
      outputTokens: { kind: "uniform", min: 20, max: 200 },
      prefixes: { count: 1, tokens: 1000 },
    };
    const off = run(workload, { kv: { prefixCaching: false } }).summary;
    const on = run(workload).summary;
    expect(on.kv.prefixCache.hitRate).toBeGreaterThan(0.99);
    // 62 full blocks of the 1,000-token prefix (992 tokens) are reused by every request after the first.
    expect(on.kv.prefixCache.hitTokens).toBe(299 * 992);
    expect(on.engine.prefillTokens).toBeLessThan(off.engine.prefillTokens / 4); // ≈ 59 k vs 356 k
    expect(on.latency.ttftMs.mean!).toBeLessThan(0.75 * off.latency.ttftMs.mean!); // ≈ 33 ms vs 55 ms
  });
});

describe("ordering", () => {
  it("shortest-prompt-first lowers mean TTFT versus FCFS under load", () => {
    const workload: Workload = {
      maxRequests: 400,
      arrival: { kind: "poisson", ratePerS: 12 },
      promptTokens: { kind: "lognormal", median: 800, sigma: 1, max: 8000 },
      outputTokens: { kind: "fixed", tokens: 100 },
    };
    const batching = { policy: "continuous", maxNumSeqs: 16 } as const;
    const fcfs = run(workload, { batching }).summary;
    const spf = run(workload, { batching, order: { policy: "shortestPromptFirst" } }).summary;
    expect(fcfs.requests.completed).toBe(400);
    expect(spf.requests.completed).toBe(400);
    expect(spf.latency.ttftMs.mean!).toBeLessThan(0.85 * fcfs.latency.ttftMs.mean!); // ≈ 9.8 s vs 13.5 s
  });

  it("priority classes serve the urgent class first, and earliest-deadline-first raises SLO attainment over FCFS", () => {
    const workload: Workload = {
      maxRequests: 400,
      arrival: { kind: "poisson", ratePerS: 12 },
      promptTokens: { kind: "lognormal", median: 800, sigma: 1, max: 8000 },
      outputTokens: { kind: "fixed", tokens: 100 },
      classes: [
        { name: "interactive", share: 0.3, priority: 0, slo: { ttftMs: 2000 } },
        { name: "batch", share: 0.7, priority: 1, slo: { ttftMs: 60_000 } },
      ],
    };
    const batching = { policy: "continuous", maxNumSeqs: 16 } as const;
    const fcfs = run(workload, { batching }).summary;
    const prio = run(workload, { batching, order: { policy: "priority" } }).summary;
    const edf = run(workload, { batching, order: { policy: "earliestDeadlineFirst" } }).summary;
    const interactive = (s: typeof fcfs) => s.classes[0]!;
    expect(interactive(prio).latency.ttftMs.mean!).toBeLessThan(interactive(fcfs).latency.ttftMs.mean! / 2);
    expect(interactive(prio).latency.ttftMs.mean!).toBeLessThan(prio.classes[1]!.latency.ttftMs.mean!);
    const attained = (s: typeof fcfs) => s.classes.reduce((n, c) => n + c.goodputPerS, 0);
    expect(attained(edf)).toBeGreaterThan(attained(fcfs));
  });
});
