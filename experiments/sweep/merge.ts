import { InputError } from "../errors.ts";
import { canonicalJson } from "./scenarioHash.ts";
import { buildSweepFile } from "./sweepFile.ts";
import type { SweepFile, SweepRun } from "./sweepFile.ts";

/**
 * Join the parts of a sharded sweep into the result an unsharded run gives. The parts must come from the same
 * experiment (same scenario, axes, seeds, version); every run must be present, and a run present twice must
 * have the same metrics.
 */
export function mergeSweeps(parts: readonly { readonly name: string; readonly file: SweepFile }[]): SweepFile {
  const first = parts[0];
  if (first === undefined) throw new InputError("merge: no parts given");
  const experiment = canonicalJson(first.file.experiment);
  const runs = new Map<number, SweepRun>();
  for (const { name, file } of parts) {
    if (file.kind !== "infersim-sweep") throw new InputError(`merge: ${name} is not a sweep result`);
    if (file.infersimVersion !== first.file.infersimVersion) {
      throw new InputError(`merge: ${name} was written by infersim ${file.infersimVersion}, ${first.name} by ${first.file.infersimVersion}`);
    }
    if (canonicalJson(file.experiment) !== experiment) {
      throw new InputError(`merge: ${name} is from a different experiment than ${first.name} (scenario, axes, seeds or SLO differ)`);
    }
    for (const run of file.runs) {
      const seen = runs.get(run.run);
      if (seen !== undefined && canonicalJson(seen) !== canonicalJson(run)) {
        throw new InputError(`merge: run ${run.run} differs between parts (${name} and another); were they made by different versions?`);
      }
      runs.set(run.run, run);
    }
  }
  const total = first.file.experiment.runCount;
  const missing: number[] = [];
  for (let i = 0; i < total; i++) if (!runs.has(i)) missing.push(i);
  if (missing.length > 0) {
    const count = first.file.shard?.count;
    const shards = count === undefined ? "" : `; missing shards: ${[...new Set(missing.map((i) => `${i % count}/${count}`))].join(", ")}`;
    throw new InputError(`merge: ${missing.length} of ${total} runs are missing${shards}`);
  }
  return buildSweepFile(first.file.experiment, [...runs.values()], null);
}
