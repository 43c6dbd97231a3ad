import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Measured rows for the calibration test, read from test/fixtures/calibration (never from ../shared). */

const FIXTURES = fileURLToPath(new URL("../fixtures/calibration/", import.meta.url));

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(FIXTURES + name, "utf8").trim().split(/\r?\n/);
  const columns = header!.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}

/** One vidur GEMM measurement: the four GEMMs of one layer on one GPU, median milliseconds. */
export interface LinearOpRow {
  readonly gpu: "a100" | "h100";
  readonly model: "llama-2-7b" | "llama-2-70b";
  readonly tensorParallel: number;
  readonly tokens: number;
  readonly gemmMs: number;
}

export function linearOpRows(): LinearOpRow[] {
  return readCsv("vidur-linear-ops.csv").map((r) => ({
    gpu: r.dev === "a100" ? "a100" : "h100",
    model: r.model === "Llama-2-7b-hf" ? "llama-2-7b" : "llama-2-70b",
    tensorParallel: Number(r.tp),
    tokens: Number(r.num_tokens),
    gemmMs: Number(r.gemm_sum),
  }));
}

/** One Splitwise configuration, its repetitions averaged. */
export interface SplitwiseRow {
  readonly gpu: "a100" | "h100";
  readonly tensorParallel: number;
  readonly promptTokens: number;
  readonly batchSize: number;
  readonly outputTokens: number;
  /** Prefill of the whole batch, ms. */
  readonly promptMs: number;
  /** One decode step, ms. */
  readonly tokenMs: number;
  readonly repetitions: number;
}

export function splitwiseRows(): SplitwiseRow[] {
  const groups = new Map<string, { row: Omit<SplitwiseRow, "promptMs" | "tokenMs" | "repetitions">; prompt: number[]; token: number[] }>();
  for (const r of readCsv("splitwise-llama2-70b.csv")) {
    const key = [r.hardware, r.tensor_parallel, r.prompt_size, r.batch_size, r.token_size].join("/");
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        row: {
          gpu: r.hardware === "a100-80gb" ? "a100" : "h100",
          tensorParallel: Number(r.tensor_parallel),
          promptTokens: Number(r.prompt_size),
          batchSize: Number(r.batch_size),
          outputTokens: Number(r.token_size),
        },
        prompt: [],
        token: [],
      };
      groups.set(key, group);
    }
    group.prompt.push(Number(r.prompt_time));
    group.token.push(Number(r.token_time));
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [...groups.values()].map((g) => ({
    ...g.row,
    promptMs: mean(g.prompt),
    tokenMs: mean(g.token),
    repetitions: g.prompt.length,
  }));
}
