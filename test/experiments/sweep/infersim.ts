import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../tempDir.ts";

const root = join(import.meta.dirname, "..", "..", "..");

/** Run the CLI as a user would: a separate node process on bin/infersim.mjs. */
export function infersim(args: readonly string[], cwd = root): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "infersim.mjs"), ...args], { cwd, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory with the scenario written in it as JSON. */
export function scenarioDir(content: unknown): { dir: string; file: string } {
  const dir = tempDir("infersim-exp-");
  const file = join(dir, "scenario.json");
  writeFileSync(file, JSON.stringify(content));
  return { dir, file };
}
