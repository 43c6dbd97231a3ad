import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { md1 } from "./fixtures.ts";
import { infersim, scenarioDir } from "./infersim.ts";

const AXES = ["--axis", "workload.arrival.ratePerS=20,60", "--axis", "cluster.pools[0].batching.maxNumSeqs=1,2"];

function withoutWallClock(path: string): unknown {
  const { wallClock, ...rest } = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  expect(wallClock).toBeDefined();
  return rest;
}

describe("infersim sweep, merge and report", () => {
  const { dir, file } = scenarioDir(md1());

  it("writes sweep.json, sweep.csv, the chart and report.html, and `report` redraws the same report", () => {
    const out = join(dir, "whole");
    const r = infersim(["sweep", file, ...AXES, "--replications", "2", "--workers", "1", "--slo", "ttftP99Ms=80", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("4 points × 2 replications (seeds 1, 2), 8 of 8 runs");
    for (const f of ["sweep.json", "sweep.csv", "latency-throughput.svg", "report.html"]) expect(existsSync(join(out, f))).toBe(true);
    const html = readFileSync(join(out, "report.html"), "utf8");
    const svg = readFileSync(join(out, "latency-throughput.svg"), "utf8");
    const again = infersim(["report", out]);
    expect(again.status).toBe(0);
    expect(readFileSync(join(out, "report.html"), "utf8")).toBe(html);
    expect(readFileSync(join(out, "latency-throughput.svg"), "utf8")).toBe(svg);
  });

  it("runs shards that `merge` joins into the unsharded result", () => {
    for (const i of [0, 1]) {
      const r = infersim(["sweep", file, ...AXES, "--replications", "2", "--workers", "1", "--slo", "ttftP99Ms=80", "--shard", `${i}/2`, "--out", join(dir, `part${i}`), "--quiet"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    }
    const m = infersim(["merge", join(dir, "part0"), join(dir, "part1", "sweep.json"), "--out", join(dir, "merged"), "--quiet"]);
    expect(m.stderr).toBe("");
    expect(m.status).toBe(0);
    expect(withoutWallClock(join(dir, "merged", "sweep.json"))).toEqual(withoutWallClock(join(dir, "whole", "sweep.json")));
    expect(readFileSync(join(dir, "merged", "sweep.csv"), "utf8")).toBe(readFileSync(join(dir, "whole", "sweep.csv"), "utf8"));
  });

  it("fails on a bad axis value with one clear message before any run, and writes nothing", () => {
    const out = join(dir, "bad");
    const r = infersim(["sweep", file, "--axis", "workload.arrival.ratePerS=20,fast", "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^infersim: point workload\.arrival\.ratePerS=fast: invalid scenario:\n {2}workload\.arrival\.ratePerS: .*\(got "fast"\)/);
    expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });
});
