import { describe, expect, it } from "vitest";
import { NO_RESOURCES } from "../../../experiments/assemble.ts";
import { compareCsv } from "../../../experiments/compare/compareCsv.ts";
import { runCompare } from "../../../experiments/compare/runCompare.ts";
import type { CompareSpec } from "../../../experiments/compare/runCompare.ts";
import { differenceStatement } from "../../../experiments/compare/statement.ts";
import { axisVariants, baselineIndex, fileVariants } from "../../../experiments/compare/variants.ts";
import { createRunner } from "../../../experiments/parallel/createRunner.ts";
import { batched } from "../sweep/fixtures.ts";

async function compare(spec: CompareSpec) {
  const runner = createRunner(1, NO_RESOURCES);
  try {
    return (await runCompare(spec, runner)).file;
  } finally {
    await runner.close();
  }
}

const base = batched(60);

describe("runCompare", () => {
  it("finds exactly zero difference, with a zero-width interval, between a policy and itself", async () => {
    const variants = fileVariants(base, [{ label: "same", source: "same.yaml", patch: { cluster: { pools: [{ batching: { maxNumSeqs: 8 } }] } } }]);
    const file = await compare({ scenario: base, variants, baseline: 0, replications: 3, seed: 1, slo: null });
    expect(file.differences.length).toBeGreaterThan(5);
    for (const d of file.differences) {
      expect(d.n).toBe(3);
      expect(d.diff).toEqual({ n: 3, mean: 0, ciLow: 0, ciHigh: 0 });
    }
    const ttft = file.differences.find((d) => d.metric === "ttftP99Ms")!;
    expect(differenceStatement(ttft, file.experiment.baseline)).toBe("same vs base: p99 TTFT 0.0% ± 0.0% — no clear difference (95% CI, 3 paired seeds)");
  });

  it("runs every variant on the same seeds and detects a real difference", async () => {
    const variants = axisVariants(base, { path: "cluster.pools[0].batching.maxNumSeqs", values: [8, 1] });
    const file = await compare({ scenario: base, variants, baseline: baselineIndex(variants, "8"), replications: 4, seed: 3, slo: { ttftP99Ms: 500 } });
    expect(file.experiment.seeds).toEqual([3, 4, 5, 6]);
    expect(file.runs.filter((r) => r.cell === 0).map((r) => r.seed)).toEqual(file.runs.filter((r) => r.cell === 1).map((r) => r.seed));
    // One sequence per step instead of eight: each request waits far longer for its first token.
    const ttft = file.differences.find((d) => d.variant === "1" && d.metric === "ttftP99Ms")!;
    expect(ttft.pct!.ciLow!).toBeGreaterThan(0);
    expect(differenceStatement(ttft, "8")).toMatch(/^1 vs 8: p99 TTFT \+[\d.]+% ± [\d.]+% — higher, worse/);
    expect(file.variants[0]!.metrics.goodputPerS.n).toBe(4);
    expect(compareCsv(file).split("\n")[0]).toBe("variant,baseline,metric,pairs,diff,diff_ciLow,diff_ciHigh,pct,pct_ciLow,pct_ciHigh,scenarioHash,seeds,infersimVersion");
  });

  it("keeps every run's latency quantiles for the CDF charts", async () => {
    const variants = axisVariants(base, { path: "cluster.pools[0].batching.maxNumSeqs", values: [8, 4] });
    const file = await compare({ scenario: base, variants, baseline: 0, replications: 2, seed: 1, slo: null });
    const q = file.runs[0]!.metrics.quantiles!;
    expect(q.ttftMs).toHaveLength(201);
    expect(q.ttftMs[0]).toBeLessThanOrEqual(q.ttftMs[200]!);
  });

  it("names the variants a baseline may be chosen from", () => {
    const variants = axisVariants(base, { path: "seed", values: [1, 2] });
    expect(() => baselineIndex(variants, "3")).toThrow(/no such variant; the variants are 1, 2/);
  });
});
