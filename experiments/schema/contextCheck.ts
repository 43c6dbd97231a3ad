import { InputError } from "../errors.ts";
import type { LengthDistribution, Workload } from "../workload/schema.ts";

/** The shortest length a distribution can produce, or undefined when it is not known before loading data. */
export function minimumLength(d: LengthDistribution | undefined): number | undefined {
  if (d === undefined) return undefined;
  switch (d.kind) {
    case "fixed":
      return d.tokens;
    case "uniform":
      return d.min;
    case "lognormal":
      return d.min;
    case "empirical":
      return d.values === undefined ? undefined : Math.min(...d.values);
  }
}

/**
 * Refuse, before running, a workload none of whose requests could ever be served: its shortest possible prompt
 * plus output exceeds the context of every pool that takes new requests. (Requests that only may exceed it are
 * rejected one by one at arrival, with the reason.)
 */
export function checkContext(workload: Workload, entryPools: readonly { name: string; maxContextTokens: number }[]): void {
  const prompt = minimumLength(workload.promptTokens);
  const output = minimumLength(workload.outputTokens);
  if (prompt === undefined || output === undefined || entryPools.length === 0) return;
  const largest = Math.max(...entryPools.map((p) => p.maxContextTokens));
  if (prompt + output > largest) {
    throw new InputError(
      `workload.promptTokens: every request has at least ${prompt} prompt + ${output} output tokens, more than the longest context served (${largest} tokens)`,
    );
  }
}
