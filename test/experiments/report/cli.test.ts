import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { batched } from "../sweep/fixtures.ts";
import { infersim, scenarioDir } from "../sweep/infersim.ts";

describe("infersim report", () => {
  it("reproduces a run's report.html and charts from its saved results", () => {
    const { dir, file } = scenarioDir(batched());
    const out = join(dir, "run");
    const r = infersim(["run", file, "--out", out, "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toEqual(expect.arrayContaining(["e2e-cdf.svg", "latency-summary.svg", "report.html", "timeseries.svg", "tpot-cdf.svg", "ttft-cdf.svg"]));
    const before = new Map(names.map((n) => [n, readFileSync(join(out, n), "utf8")]));
    const again = infersim(["report", out]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("redrew the run report");
    for (const [n, text] of before) expect(readFileSync(join(out, n), "utf8")).toBe(text);
  });

  it("says when a directory holds no result", () => {
    const { dir } = scenarioDir({});
    const r = infersim(["report", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("holds no infersim result");
  });
});
