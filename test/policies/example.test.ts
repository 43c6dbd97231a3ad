import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "../../experiments/io/readScenario.ts";
import { runScenario } from "../../experiments/run/runScenario.ts";

describe("examples/policies.yaml", () => {
  it("runs, and reports each class with its SLO attainment", () => {
    const scenario = readScenarioFile(join(import.meta.dirname, "..", "..", "examples", "policies.yaml"));
    const s = runScenario(scenario).summary;
    expect(s.classes.map((c) => c.name)).toEqual(["interactive", "batch"]);
    for (const c of s.classes) expect(c.sloAttainment).not.toBeNull();
    expect(s.kv.prefixCache.hitRate).toBeGreaterThan(0.5);
    expect(s.engine.speculative.acceptedShare).toBeGreaterThan(0);
    expect(s.requests.completed + s.requests.rejected).toBe(s.requests.arrived);
  });
});
