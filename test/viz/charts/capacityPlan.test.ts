import { describe, expect, it } from "vitest";
import { capacityPareto, capacityPlanChart } from "../../../viz/index.ts";
import { capacityPlan } from "../fixtures.ts";
import { attr, tags, texts } from "../svgCheck.ts";

describe("capacityPareto", () => {
  it("finds the feasible plans no other feasible plan beats on both cost and power", () => {
    expect(capacityPareto(capacityPlan).map((p) => p.label)).toEqual(["32× A100", "16× H200", "12× B200"]);
  });

  it("uses device count when asked", () => {
    expect(capacityPareto({ ...capacityPlan, y: "devices" }).map((p) => p.label)).toEqual([
      "32× A100",
      "16× H200",
      "12× B200",
      "2× WSE-3",
    ]);
  });

  it("never puts an infeasible plan on the front, even a cheap one", () => {
    expect(capacityPareto(capacityPlan).some((p) => !p.feasible)).toBe(false);
  });
});

describe("capacityPlanChart", () => {
  it("highlights exactly the Pareto plans and draws the front as a step line", () => {
    const svg = capacityPlanChart(capacityPlan);
    const front = tags(svg, "g", "pareto").map((g) => attr(g, "data-label"));
    expect(front.sort()).toEqual(["12× B200", "16× H200", "32× A100"]);
    expect(tags(svg, "g", "infeasible")).toHaveLength(1);
    const d = attr(tags(svg, "path", "pareto-front")[0]!, "d")!;
    expect(d.match(/[ML]/g)).toHaveLength(5); // three points: 1 move + 2 × (horizontal, vertical)
  });

  it("labels every plan and both axes", () => {
    const t = texts(capacityPlanChart(capacityPlan));
    for (const p of capacityPlan.plans) expect(t).toContain(p.label);
    expect(t).toContain("Cost ($/hour)");
    expect(t.some((s) => s.startsWith("Facility power (MW)"))).toBe(true);
    expect(texts(capacityPlanChart({ ...capacityPlan, y: "devices" })).some((s) => s.startsWith("Devices"))).toBe(true);
  });
});
