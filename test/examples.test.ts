import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadResources } from "../experiments/io/loadResources.ts";
import { readScenarioFile } from "../experiments/io/readScenario.ts";
import { parseScenario, runScenario } from "../experiments/run/runScenario.ts";

const folder = join(import.meta.dirname, "..", "examples");
const files = readdirSync(folder).filter((f) => f.endsWith(".yaml"));

describe("example scenarios", () => {
  it("cover every workload kind", () => {
    const kinds = new Set(files.map((f) => parseScenario(readScenarioFile(join(folder, f))).workload.arrival.kind));
    for (const kind of ["poisson", "gamma", "deterministic", "closedLoop", "trace", "diurnal"]) expect(kinds).toContain(kind);
  });

  for (const file of files) {
    it(`${file} validates, runs and accounts for every request`, () => {
      const path = join(folder, file);
      const scenario = parseScenario(readScenarioFile(path));
      const { summary } = runScenario(scenario, { resources: loadResources(scenario, dirname(path)) });
      const r = summary.requests;
      expect(r.arrived).toBeGreaterThan(0);
      expect(r.arrived).toBe(r.completed + r.rejected + r.inFlight);
      expect(r.completed).toBeGreaterThan(0);
    });
  }
});
