import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The project's root. */
export const root = join(import.meta.dirname, "..");

export interface CliOptions {
  /** Node's own options, before the script. */
  readonly nodeOptions?: readonly string[];
  /** Working directory (default: the project's root). */
  readonly cwd?: string;
  /** Variables added to the environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** The project whose bin/infersim.mjs runs (default: this one). */
  readonly projectRoot?: string;
}

/**
 * Run the CLI as a user would: a separate node process on bin/infersim.mjs, without the INFERSIM_BUNDLE_TRACE of
 * the shell that started the tests (it would add a line to stderr).
 */
export function infersim(args: readonly string[], options: CliOptions = {}): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "INFERSIM_BUNDLE_TRACE"));
  const r = spawnSync(process.execPath, [...(options.nodeOptions ?? []), join(options.projectRoot ?? root, "bin", "infersim.mjs"), ...args], {
    cwd: options.cwd ?? root,
    encoding: "utf8",
    env: { ...env, ...options.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
