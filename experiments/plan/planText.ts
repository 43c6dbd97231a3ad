import { table } from "../cli/format.ts";
import { sloText } from "../sweep/slo.ts";
import type { PlanFile } from "./planFile.ts";
import { planRows } from "./planTable.ts";

const num = (v: string | number | null, digits = 4): string =>
  v === null ? "-" : typeof v === "string" ? v : v.toLocaleString("en-US", { maximumSignificantDigits: digits });

/** The plan as a terminal table a person can act on, with the reasons for any option left out. */
export function planText(file: PlanFile): string {
  const e = file.experiment;
  const rows = planRows(file);
  const hasCost = rows.some((r) => r.usdPerHour !== null);
  const feasible = rows.filter((r) => r.status === "feasible");
  // The table right-aligns every column but the first; hardware reads better left-aligned.
  const hardwareWidth = Math.max("hardware".length, ...feasible.map((r) => String(r.hardware).length));
  const header = ["option", "hardware".padEnd(hardwareWidth), "replicas", "devices", "$/h", "MW", "p99 TTFT ms", "p99 TPOT ms", "max req/s", "rank $/MW/dev"];
  const body = feasible
    .map((r) => [
      String(r.option),
      String(r.hardware).padEnd(hardwareWidth),
      num(r.replicas),
      num(r.devices),
      num(r.usdPerHour),
      num(r.avgMW, 3),
      num(r.ttftP99Ms),
      num(r.tpotP99Ms),
      num(r.maxRatePerS, 3),
      `${num(r.rankCost)}/${num(r.rankPower)}/${num(r.rankDevices)}`,
    ]);
  const left = file.options.filter((o) => o.status !== "feasible").map((o) => `  ${o.label}: ${o.status}: ${o.reason ?? ""}`);
  const hasPower = rows.some((r) => r.avgMW !== null);
  const best = [
    ["cheapest", hasCost ? file.rankings.byCost[0] : undefined],
    ["lowest power", hasPower ? file.rankings.byPower[0] : undefined],
    ["fewest devices", file.rankings.byDevices[0]],
  ].filter(([, label]) => label !== undefined);
  return [
    `${e.name}: ${e.targetRatePerS} req/s within ${sloText(e.slo)} (mean of ${e.replications} seed${e.replications === 1 ? "" : "s"} per point)`,
    "",
    body.length === 0 ? "no option meets the SLO" : table(header, body),
    ...(hasCost ? [] : ["", "no cost or energy figures in the results yet: ranked by device count"]),
    ...(left.length === 0 ? [] : ["", "left out:", ...left]),
    ...(best.length === 0 ? [] : ["", best.map(([what, label]) => `${what}: ${label}`).join("; ")]),
  ].join("\n");
}
