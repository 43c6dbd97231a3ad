import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NO_RESOURCES } from "../../../experiments/assemble.ts";
import { deepMerge } from "../../../experiments/compare/deepMerge.ts";
import { readScenarioFile } from "../../../experiments/io/readScenario.ts";
import { planOptions } from "../../../experiments/plan/options.ts";
import { parseOptions } from "../../../experiments/plan/runPlan.ts";
import { checkAssembles, parsePoint } from "../../../experiments/sweep/validate.ts";

const dir = join(import.meta.dirname, "..", "..", "..", "examples", "experiments");
const yamlIn = (sub: string): string[] => readdirSync(join(dir, sub)).filter((f) => f.endsWith(".yaml")).map((f) => join(dir, sub, f));

describe("examples/experiments", () => {
  it("has a capacity plan whose every hardware option is valid and places the model", () => {
    const base = readScenarioFile(join(dir, "capacity-plan.yaml"));
    const files = yamlIn("options");
    const devices = files.map((f) => JSON.stringify(readScenarioFile(f)));
    for (const d of ["h100-sxm", "h200-sxm", "mi300x", "groq-lpu", "cerebras-wse3"]) expect(devices.some((x) => x.includes(`"${d}"`))).toBe(true);
    const options = planOptions(base, files.map((f) => ({ label: f, source: f, patch: readScenarioFile(f) })));
    const scenarios = parseOptions({
      scenario: base,
      options,
      targetRatePerS: 40,
      ratePath: "workload.arrival.ratePerS",
      slo: { ttftP99Ms: 1000 },
      maxRejectedFraction: 0.01,
      replications: 1,
      seed: 1,
      maxUnits: 1,
      capacityTolerance: 0.05,
    });
    scenarios.forEach((s, i) => {
      expect(() => {
        checkAssembles(s, NO_RESOURCES, options[i]!.label);
      }).not.toThrow();
    });
  });

  it("has a rate sweep and a batching comparison whose variants are valid", () => {
    checkAssembles(parsePoint(readScenarioFile(join(dir, "rate-sweep.yaml")), ""), NO_RESOURCES, "rate sweep");
    const base = readScenarioFile(join(dir, "batching-compare.yaml"));
    for (const f of yamlIn("variants")) checkAssembles(parsePoint(deepMerge(base, readScenarioFile(f)), f), NO_RESOURCES, f);
  });
});
