import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../tempDir.ts";

export { infersim } from "../../cli.ts";

/** A fresh temporary directory with the scenario written in it as JSON. */
export function scenarioDir(content: unknown): { dir: string; file: string } {
  const dir = tempDir("infersim-exp-");
  const file = join(dir, "scenario.json");
  writeFileSync(file, JSON.stringify(content));
  return { dir, file };
}
