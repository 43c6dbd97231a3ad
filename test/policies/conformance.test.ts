import { describe, expect, it } from "vitest";
import { assemble, NO_RESOURCES } from "../../experiments/assemble.ts";
import { parseScenario, runScenario } from "../../experiments/run/runScenario.ts";
import { metricsOf } from "../../sim/metrics/summarize.ts";
import type { ScenarioInput } from "../../experiments/schema/scenario.ts";
import type { Request } from "../../sim/request.ts";
import { conformanceScenario, REGISTRIES, VARIANTS } from "./conformanceScenarios.ts";
import type { Kind } from "./conformanceScenarios.ts";

/**
 * Every registered policy, of every kind, runs on small scenarios and must keep the simulator's invariants.
 */

interface Checked {
  readonly requests: readonly Request[];
  readonly violations: string[];
  /** Prompt tokens the replicas computed, plus those prefix-cache hits skipped. */
  readonly promptTokensServed: number;
}

/** Run with an observer that checks memory and time at every step. */
function runChecked(input: ScenarioInput): Checked {
  const parsed = parseScenario(input);
  const { cluster } = assemble(parsed, parsed.seed, NO_RESOURCES);
  const violations: string[] = [];
  // Steps of one replica come in order (those of a decode stretch late, but in order, with their start times).
  const lastS = new Map<number, number>();
  cluster.observe({
    onStep(replica, shape, cost, startS) {
      if (Object.values(shape).some((v) => !(v >= 0))) violations.push(`replica ${replica.index}: step shape ${JSON.stringify(shape)}`);
      const previousS = lastS.get(replica.index) ?? 0;
      if (startS < previousS) violations.push(`replica ${replica.index}: step at ${startS} s after one at ${previousS} s`);
      lastS.set(replica.index, startS);
      const kv = replica.kv;
      if (kv.usedBlocks < 0 || kv.usedBlocks > kv.totalBlocks) violations.push(`replica ${replica.index}: ${kv.usedBlocks} of ${kv.totalBlocks} KV blocks in use`);
      if (!(cost.durationS > 0)) violations.push(`replica ${replica.index}: step of ${cost.durationS} s`);
    },
  });
  const run = cluster.run();
  for (const r of run.replicas) {
    if (r.kv.peakUsedBlocks > r.kv.totalBlocks) violations.push(`replica ${r.index}: peak ${r.kv.peakUsedBlocks} blocks`);
    if (r.kv.usedBlocks < 0) violations.push(`replica ${r.index}: ${r.kv.usedBlocks} blocks in use at the end`);
  }
  let promptTokensServed = 0;
  for (const r of run.replicas) promptTokensServed += r.counters.prefillTokens + (r.memory.prefix?.hitTokens ?? 0);
  return { requests: run.requests, violations, promptTokensServed };
}

/** arrival ≤ first scheduled ≤ first token ≤ completion, where reached. */
function timelineViolation(r: Request): string | null {
  const times: [string, number][] = [
    ["arrival", r.arrivalS],
    ["first scheduled", r.firstScheduledS],
    ["first token", r.firstTokenS],
    ["last token", r.lastTokenS],
  ];
  if (r.state === "done") times.push(["completion", r.completionS]);
  let previous: [string, number] | undefined;
  for (const t of times) {
    if (Number.isNaN(t[1])) continue;
    if (previous !== undefined && t[1] < previous[1]) return `request ${r.id}: ${t[0]} ${t[1]} before ${previous[0]} ${previous[1]}`;
    previous = t;
  }
  if (r.state === "done" && [r.firstScheduledS, r.firstTokenS, r.completionS].some(Number.isNaN)) {
    return `request ${r.id} completed without a first schedule or token`;
  }
  return null;
}

for (const kind of Object.keys(REGISTRIES) as Kind[]) {
  for (const name of Object.keys(REGISTRIES[kind])) {
    describe(`${kind} policy ${name}`, () => {
      for (const variant of Object.keys(VARIANTS) as (keyof typeof VARIANTS)[]) {
        describe(`with ${variant}`, () => {
          const input = conformanceScenario(kind, name, variant);
          let memo: Checked | undefined;
          const checked = (): Checked => (memo ??= runChecked(input));

          it("is deterministic: the same scenario and seed give the same summary and requests", () => {
            const a = runScenario(input);
            const b = runScenario(input);
            expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
            expect(b.requests).toEqual(a.requests);
          });

          it("loses nothing: arrived = completed + rejected + inFlight, and without a horizon nothing stays in flight", () => {
            const counts = metricsOf(checked().requests, 1).requests;
            expect(counts.arrived).toBe(120);
            expect(counts.completed + counts.rejected + counts.inFlight).toBe(counts.arrived);
            expect(counts.inFlight).toBe(0);
            for (const r of checked().requests) if (r.state === "rejected") expect(r.rejectReason).not.toBe("");
          });

          it("keeps KV blocks in use between zero and capacity, and time moving forward", () => {
            expect(checked().violations).toEqual([]);
          });

          it("never gives a request more tokens than its output length, and orders every request's timeline", () => {
            const over = checked().requests.filter((r) => r.generatedTokens > r.outputTokens || (r.state === "done" && r.generatedTokens !== r.outputTokens));
            expect(over.map((r) => r.id)).toEqual([]);
            expect(checked().requests.map(timelineViolation).filter((v) => v !== null)).toEqual([]);
          });

          it("computes (or finds cached) every prompt token of every completed request", () => {
            const completedPrompts = checked().requests.reduce((n, r) => n + (r.state === "done" ? r.promptTokens : 0), 0);
            expect(checked().promptTokensServed).toBeGreaterThanOrEqual(completedPrompts);
          });
        });
      }
    });
  }
}
