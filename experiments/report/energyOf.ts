import type { EnergyPhaseRow } from "../../viz/index.ts";
import { numberAt } from "../sweep/measure.ts";

/**
 * The prefill / decode / idle energy split of a summary, when the simulator reports one: read from
 * `energy.phases.{prefillJ, decodeJ, idleJ}` or `energy.{prefillJ, decodeJ, idleJ}`.
 */
export function energyPhases(summary: unknown, label: string): EnergyPhaseRow | null {
  for (const base of [["energy", "phases"], ["energy", "byPhase"], ["energy"]]) {
    const prefillJ = numberAt(summary, [...base, "prefillJ"]);
    const decodeJ = numberAt(summary, [...base, "decodeJ"]);
    const idleJ = numberAt(summary, [...base, "idleJ"]);
    if (prefillJ !== null && decodeJ !== null && idleJ !== null) return { label, prefillJ, decodeJ, idleJ };
  }
  return null;
}
