import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { InputError } from "../errors.ts";

/** Read a scenario file (.json, .yaml or .yml) into a plain object; errors name the file and line. */
export function readScenarioFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError(`scenario file not found: ${path}`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === ".json") {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new InputError(`${path}: not valid JSON: ${(e as Error).message}`);
    }
  }
  if (ext === ".yaml" || ext === ".yml") {
    try {
      return parseYaml(text) as unknown;
    } catch (e) {
      if (e instanceof YAMLParseError) {
        const line = e.linePos?.[0].line;
        throw new InputError(`${path}${line === undefined ? "" : ` line ${line}`}: not valid YAML: ${e.message.split("\n")[0]}`);
      }
      throw e;
    }
  }
  throw new InputError(`${path}: a scenario is a .json, .yaml or .yml file`);
}
