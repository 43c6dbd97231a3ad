import { stringify as toYaml } from "yaml";
import type { CapacityPlanOption, ReportChart, ReportHeadline, ReportInput, ReportTable } from "../../viz/index.ts";
import { capacityPlanChart } from "../../viz/index.ts";
import type { PlanFile } from "../plan/planFile.ts";
import { planRows } from "../plan/planTable.ts";
import { sloText } from "../sweep/slo.ts";

const dash = (v: string | number | null): string | number => v ?? "–";

/** Options with a cost as capacity-plan points; an infeasible option is drawn at its largest evaluated size. */
function capacityPoints(file: PlanFile): CapacityPlanOption[] {
  return file.options.flatMap((o) => {
    const e = o.chosen ?? o.evaluations.at(-1);
    const usd = e?.metrics.usdPerHour.mean ?? null;
    if (e === undefined || usd === null) return [];
    return [{ label: o.label, usdPerHour: usd, facilityMW: e.metrics.avgMW.mean ?? Number.NaN, devices: e.metrics.devices.mean ?? Number.NaN, feasible: o.status === "feasible" }];
  });
}

function headline(file: PlanFile): ReportHeadline[] {
  const e = file.experiment;
  const items: ReportHeadline[] = [
    { label: "Target", value: e.targetRatePerS, unit: "req/s" },
    { label: "SLO", value: sloText(e.slo) },
    { label: "Feasible options", value: `${file.options.filter((o) => o.status === "feasible").length} of ${file.options.length}` },
  ];
  const pick = (label: string, name: string | undefined): void => {
    if (name !== undefined) items.push({ label, value: name });
  };
  if (file.options.some((o) => o.usdPerHour !== null)) pick("Cheapest", file.rankings.byCost[0]);
  if (file.options.some((o) => o.avgMW !== null)) pick("Lowest power", file.rankings.byPower[0]);
  pick("Fewest devices", file.rankings.byDevices[0]);
  return items;
}

/** The report of a capacity plan: the cost / power Pareto chart (when costs are reported), the ranked table and every probe. */
export function planReport(file: PlanFile): ReportInput {
  const e = file.experiment;
  const charts: ReportChart[] = [];
  const points = capacityPoints(file);
  if (points.length > 0) {
    const y = points.some((p) => Number.isFinite(p.facilityMW)) ? "facilityMW" : "devices";
    charts.push({ id: "capacity-plan", title: y === "facilityMW" ? "Cost vs power" : "Cost vs devices", svg: capacityPlanChart({ plans: points, y }) });
  }
  const rows = planRows(file);
  const plans: ReportTable = {
    title: "Plans (cheapest feasible first)",
    columns: ["option", "status", "hardware", "replicas", "devices", "$ / hour", "average MW", "J / token", "$ / M tokens", "p99 TTFT (ms)", "p99 TPOT (ms)", "max req/s within SLO", "rank: cost", "power", "devices"],
    rows: rows.map((r) => [
      String(r.option),
      String(r.status),
      String(r.hardware),
      dash(r.replicas),
      dash(r.devices),
      dash(r.usdPerHour),
      dash(r.avgMW),
      dash(r.joulesPerOutputToken),
      dash(r.usdPerMillionOutputTokens),
      dash(r.ttftP99Ms),
      dash(r.tpotP99Ms),
      dash(r.maxRatePerS),
      dash(r.rankCost),
      dash(r.rankPower),
      dash(r.rankDevices),
    ]),
  };
  const probes: ReportTable = {
    title: "Every evaluation of the search",
    columns: ["option", "units", "rate (req/s)", "feasible", "p99 TTFT (ms)", "p99 TPOT (ms)", "missed"],
    rows: file.options.flatMap((o) =>
      o.evaluations.map((v) => [o.label, v.units, v.ratePerS, v.feasible ? "yes" : "no", dash(v.metrics.ttftP99Ms.mean), dash(v.metrics.tpotP99Ms.mean), v.violations.join("; ")]),
    ),
  };
  return {
    title: `infersim plan: ${e.name}, ${e.targetRatePerS} req/s${file.partial ? " (partial: interrupted)" : ""}`,
    scenarioText: toYaml({ base: e.scenario, options: Object.fromEntries(file.options.map((o) => [o.label, o.patch ?? o.source])) }),
    headline: headline(file),
    charts,
    tables: [plans, probes],
    generatedBy: `infersim ${file.infersimVersion} plan, scenario ${e.scenarioHash}, seeds ${e.seeds.join(", ")}`,
  };
}
