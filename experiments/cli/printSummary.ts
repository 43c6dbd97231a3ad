import { costLine, energyLine } from "../results/energyText.ts";
import type { Summary } from "../results/summary.ts";
import { fmt1, fmtInt, table } from "./format.ts";

/** The short human summary `infersim run` prints. */
export function summaryText(s: Summary, wallS: number): string {
  const r = s.requests;
  const l = s.latency;
  const t = s.throughput;
  const row = (name: string, d: (typeof l)["ttftMs"]): string[] => [
    name,
    fmt1(d.mean),
    fmt1(d.p50),
    fmt1(d.p90),
    fmt1(d.p99),
    fmt1(d.max),
  ];
  const lines = [
    `${s.scenario.name} — seed ${s.seed}, ${fmt1(s.simulatedSeconds)} simulated s, ${fmtInt(s.run.eventsProcessed)} events in ${wallS.toFixed(2)} s wall`,
    `requests: ${fmtInt(r.arrived)} arrived, ${fmtInt(r.completed)} completed, ${fmtInt(r.rejected)} rejected, ${fmtInt(r.inFlight)} in flight`,
    "",
    table(
      ["latency (ms)", "mean", "p50", "p90", "p99", "max"],
      [row("TTFT", l.ttftMs), row("TPOT", l.tpotMs), row("E2E", l.e2eMs), row("queue", l.queueMs)],
    ),
    "",
    `throughput: ${fmt1(t.requestsPerS)} req/s, ${fmtInt(t.inputTokensPerS)} input tok/s, ${fmtInt(t.outputTokensPerS)} output tok/s`,
    `KV cache: peak occupancy ${(s.kv.peakOccupancy * 100).toFixed(0)}% of ${fmtInt(s.kv.capacityBlocks)} blocks, ${fmtInt(s.kv.preemptions)} preemptions`,
    energyLine(s.energy),
    costLine(s.cost),
  ];
  for (const p of s.pools) {
    lines.push(
      `pool ${p.name}: ${p.replicas} × ${p.model} on ${p.devicesPerReplica} × ${p.device}, busy ${(p.busyFraction * 100).toFixed(0)}%`,
    );
  }
  lines.push(`saturation: ${s.saturation.state}`);
  for (const note of s.notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}
