import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { checkOutputDir, writeDirAtomically } from "../io/writeOutputs.ts";
import { mergeSweeps } from "../sweep/merge.ts";
import type { SweepFile } from "../sweep/sweepFile.ts";
import { sweepText } from "../sweep/sweepText.ts";
import { sweepFiles } from "./sweepCommand.ts";

export interface MergeFlags {
  readonly out: string;
  readonly force: boolean;
  readonly quiet: boolean;
  readonly png: boolean;
}

/** Read a sweep result: a `sweep.json`, or a directory holding one. */
export function readSweepFile(path: string): SweepFile {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "sweep.json") : path;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new InputError(`merge: no sweep result at ${file}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (typeof data !== "object" || data === null || (data as { kind?: unknown }).kind !== "infersim-sweep") {
    throw new InputError(`${file}: not an infersim sweep result (sweep.json)`);
  }
  // The wall clock is the one field that differs between runs of the same experiment.
  return Object.fromEntries(Object.entries(data).filter(([k]) => k !== "wallClock")) as unknown as SweepFile;
}

/** `infersim merge PART... --out DIR`: join the shards of a sweep into the result of the whole sweep. */
export function mergeCommand(parts: readonly string[], flags: MergeFlags, print: (text: string) => void): void {
  if (parts.length === 0) throw new InputError("merge: give the parts to merge (directories or sweep.json files)");
  checkOutputDir(flags.out, flags.force);
  const merged = mergeSweeps(parts.map((name) => ({ name, file: readSweepFile(name) })));
  const wallClock = { mergedAt: new Date().toISOString(), parts: parts.length };
  writeDirAtomically(flags.out, sweepFiles(merged, wallClock, flags.png), flags.force);
  if (!flags.quiet) print(`${sweepText(merged)}\n\nmerged ${parts.length} parts into ${flags.out}/sweep.json, sweep.csv, report.html and charts`);
}
