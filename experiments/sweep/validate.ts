import { assemble } from "../assemble.ts";
import type { Resources } from "../assemble.ts";
import { InputError } from "../errors.ts";
import { PlacementError } from "../../hardware/placement.ts";
import { parseScenario } from "../run/runScenario.ts";
import type { Scenario } from "../schema/scenario.ts";

function prefixed(e: unknown, where: string): unknown {
  if (where === "") return e;
  if (e instanceof InputError || e instanceof PlacementError) return new InputError(`${where}: ${e.message}`);
  return e;
}

/** Validate one point's scenario; an error names the point (e.g. `point workload.arrival.ratePerS=-1`). */
export function parsePoint(input: unknown, where: string): Scenario {
  try {
    return parseScenario(input);
  } catch (e) {
    throw prefixed(e, where);
  }
}

/**
 * Check that a point can be built: devices and models exist, the model fits, policies accept their options.
 * Assembling is cheap (no request is generated), so every point is checked before any runs.
 */
export function checkAssembles(scenario: Scenario, resources: Resources, where: string): void {
  try {
    assemble(scenario, scenario.seed, resources);
  } catch (e) {
    throw prefixed(e, where);
  }
}
