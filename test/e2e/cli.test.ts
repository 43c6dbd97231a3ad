import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Summary } from "../../experiments/results/summary.ts";
import { infersim } from "../cli.ts";
import { tempDir } from "../tempDir.ts";

const small = {
  name: "e2e",
  seed: 4,
  workload: {
    durationS: 10,
    arrival: { kind: "poisson", ratePerS: 8 },
    promptTokens: { kind: "uniform", min: 100, max: 800 },
    outputTokens: { kind: "uniform", min: 10, max: 200 },
  },
  cluster: { pools: [{ replicas: 2 }] },
};

function scenarioFile(content: unknown, name = "scenario.json"): { dir: string; file: string } {
  const dir = tempDir("infersim-e2e-");
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return { dir, file };
}

describe("infersim CLI", () => {
  it("with --stream writes the same requests (in the order they ended) and the same summary as without", () => {
    const { dir, file } = scenarioFile(small);
    const kept = join(dir, "kept");
    const streamed = join(dir, "streamed");
    expect(infersim(["run", file, "--out", kept, "-q"]).status).toBe(0);
    expect(infersim(["run", file, "--out", streamed, "-q", "--stream"]).status).toBe(0);
    const lines = (d: string): string[] => readFileSync(join(d, "requests.csv"), "utf8").trim().split("\n");
    const [header, ...rows] = lines(streamed);
    expect(header).toBe(lines(kept)[0]);
    expect([...rows].sort()).toEqual(lines(kept).slice(1).sort());
    const summary = (d: string): unknown => {
      const parsed = JSON.parse(readFileSync(join(d, "summary.json"), "utf8")) as Record<string, unknown>;
      delete parsed.wallClock;
      return parsed;
    };
    expect(summary(streamed)).toEqual(summary(kept));
    expect(existsSync(join(streamed, "report.html"))).toBe(true);
  });

  it("runs a scenario and writes summary.json, requests.csv and timeseries.csv", () => {
    const { dir, file } = scenarioFile(small);
    const out = join(dir, "out");
    const r = infersim(["run", file, "--out", out, "--seed", "9"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("TTFT");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary;
    expect(summary.schemaVersion).toBe(1);
    expect(summary.seed).toBe(9);
    expect(summary.scenario.name).toBe("e2e");
    const q = summary.requests;
    expect(q.arrived).toBeGreaterThan(40);
    expect(q.arrived).toBe(q.completed + q.rejected + q.inFlight);
    for (const k of ["ttftMs", "tpotMs", "e2eMs", "queueMs"] as const) {
      expect(Object.keys(summary.latency[k])).toEqual(["mean", "p50", "p90", "p95", "p99", "max"]);
    }
    expect(summary.throughput.outputTokensPerS).toBeGreaterThan(0);
    const csv = readFileSync(join(out, "requests.csv"), "utf8").trim().split("\n");
    expect(csv.length).toBe(q.arrived + 1);
    expect(existsSync(join(out, "timeseries.csv"))).toBe(true);
  });

  it("writes byte-identical summaries for the same seed, apart from wallClock", () => {
    const { dir, file } = scenarioFile(small);
    const read = (out: string) => {
      const s = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Record<string, unknown>;
      delete s.wallClock;
      return JSON.stringify(s);
    };
    infersim(["run", file, "--out", join(dir, "a"), "-q"]);
    infersim(["run", file, "--out", join(dir, "b"), "-q"]);
    expect(read(join(dir, "a"))).toBe(read(join(dir, "b")));
  });

  it("applies --set overrides before validation", () => {
    const { dir, file } = scenarioFile(small);
    const out = join(dir, "out");
    expect(infersim(["run", file, "--set", "workload.arrival.ratePerS=2", "--set", "name=low", "--out", out, "-q"]).status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary;
    expect(summary.scenario.workload.arrival).toMatchObject({ kind: "poisson", ratePerS: 2 });
    expect(summary.scenario.name).toBe("low");
  });

  it("explains itself with --help", () => {
    const r = infersim(["--help"]);
    expect(r.status).toBe(0);
    for (const cmd of ["run", "schema", "catalog"]) expect(r.stdout).toContain(cmd);
    expect(infersim(["run", "--help"]).stdout).toContain("--set");
  });

  it("refuses to overwrite an output directory without --force", () => {
    const { dir, file } = scenarioFile(small);
    const out = join(dir, "out");
    expect(infersim(["run", file, "--out", out, "-q"]).status).toBe(0);
    const again = infersim(["run", file, "--out", out, "-q"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("--force");
    expect(infersim(["run", file, "--out", out, "-q", "--force"]).status).toBe(0);
  });

  it("skips and counts malformed trace rows with --skip-bad-rows", () => {
    const { dir } = scenarioFile("");
    const trace = join(dir, "trace.csv");
    writeFileSync(
      trace,
      "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47.0000000,396,-3\n2023-11-16 18:15:48.1000000,120,20\n",
    );
    const { file } = scenarioFile({ ...small, workload: { arrival: { kind: "trace", path: trace } } });
    expect(infersim(["run", file, "-q"]).status).toBe(2);
    const out = join(dir, "out");
    const r = infersim(["run", file, "--skip-bad-rows", "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("skipped 1 malformed trace rows");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary & { skippedTraceRows: number };
    expect(summary.skippedTraceRows).toBe(1);
    expect(summary.requests.arrived).toBe(2);
  });
});
