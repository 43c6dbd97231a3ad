import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { infersim } from "../cli.ts";
import { tempDir } from "../tempDir.ts";

function runWith(scenario: unknown, extraFiles: Record<string, string> = {}) {
  const dir = tempDir("infersim-bad-");
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(join(dir, name), text);
  const file = join(dir, "scenario.json");
  writeFileSync(file, typeof scenario === "string" ? scenario : JSON.stringify(scenario));
  const out = join(dir, "out");
  const r = infersim(["run", file, "--out", out]);
  return { status: r.status, stderr: r.stderr, stdout: r.stdout, outExists: existsSync(out) };
}

const base = {
  workload: {
    durationS: 5,
    arrival: { kind: "poisson", ratePerS: 2 },
    promptTokens: { kind: "fixed", tokens: 100 },
    outputTokens: { kind: "fixed", tokens: 10 },
  },
  cluster: { pools: [{ replicas: 1 }] },
};

const withPool = (pool: object) => ({ ...base, cluster: { pools: [{ replicas: 1, ...pool }] } });
const withArrival = (arrival: object) => ({ ...base, workload: { ...base.workload, arrival } });

const cases: { name: string; scenario: unknown; files?: Record<string, string>; message: string }[] = [
  {
    name: "an unknown key, with a suggestion",
    scenario: { ...base, workloads: {} },
    message: "infersim: invalid scenario:\n  workloads: unknown key; did you mean 'workload'?\n",
  },
  {
    name: "a misspelt key in a pool",
    scenario: withPool({ tensorParalel: 2 }),
    message: "infersim: invalid scenario:\n  cluster.pools[0].tensorParalel: unknown key; did you mean 'tensorParallel'?\n",
  },
  {
    name: "a negative rate",
    scenario: withArrival({ kind: "poisson", ratePerS: -3 }),
    message: "infersim: invalid scenario:\n  workload.arrival.ratePerS: Too small: expected number to be >0 (got -3)\n",
  },
  {
    name: "an unknown device",
    scenario: withPool({ device: "h100-sxn" }),
    message: "infersim: cluster.pools[0].device: unknown device 'h100-sxn'; did you mean 'h100-sxm'? see 'infersim catalog devices'\n",
  },
  {
    name: "an unknown model",
    scenario: withPool({ model: "llama-9" }),
    message: "infersim: cluster.pools[0].model: unknown model 'llama-9'; see 'infersim catalog models'\n",
  },
  {
    name: "a trace file that does not exist",
    scenario: withArrival({ kind: "trace", path: "missing.csv" }),
    message: "trace file not found",
  },
  {
    name: "a malformed trace row",
    scenario: withArrival({ kind: "trace", path: "bad.csv" }),
    files: { "bad.csv": "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:50.9951690,396,-3\n" },
    message: "line 3",
  },
  {
    name: "a zero rate",
    scenario: withArrival({ kind: "poisson", ratePerS: 0 }),
    message: "infersim: invalid scenario:\n  workload.arrival.ratePerS: Too small: expected number to be >0 (got 0)\n",
  },
  {
    name: "a block size of 0",
    scenario: withPool({ kv: { blockSizeTokens: 0 } }),
    message: "infersim: invalid scenario:\n  cluster.pools[0].kv.blockSizeTokens: Too small: expected number to be >=1 (got 0)\n",
  },
  {
    name: "a tensor-parallel degree that does not divide the heads",
    scenario: withPool({ tensorParallel: 3 }),
    message: "infersim: cluster.pools[0]: TP3 must divide llama-3.1-8b's 32 query heads\n",
  },
  {
    name: "a model that does not fit",
    scenario: withPool({ model: "llama-3.1-70b" }),
    message: "needs 141 GB of weights",
  },
  {
    name: "prompts longer than the model's context",
    scenario: { ...base, workload: { ...base.workload, promptTokens: { kind: "fixed", tokens: 200000 } } },
    message:
      "infersim: workload.promptTokens: every request has at least 200000 prompt + 10 output tokens, more than the longest context served (131072 tokens)\n",
  },
  {
    name: "a scenario that is not JSON",
    scenario: "{ not json",
    message: "not valid JSON",
  },
];

describe("bad input", () => {
  for (const c of cases) {
    it(`rejects ${c.name} with exit 2, one clear message, no stack and no output`, () => {
      const r = runWith(c.scenario, c.files);
      expect(r.status).toBe(2);
      if (c.message.startsWith("infersim:")) expect(r.stderr).toBe(c.message);
      else expect(r.stderr).toContain(c.message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.outExists).toBe(false);
    });
  }
});
