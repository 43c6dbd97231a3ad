// What `bench/instructions.ts` and `bench/misses.ts` share: a work folder holding the bundle they run under
// valgrind, and the clean-up that stops those runs and removes the folder (and any other file they leave) when
// the tool ends, fails, or is stopped with ^C or SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

export interface ValgrindRuns {
  /** The work folder (removed at clean-up). */
  readonly dir: string;
  /** The bench runner (`bench/instructionsTarget.ts`) bundled into the work folder. */
  readonly bundle: string;
  /** Runs under way: killed at clean-up. */
  readonly children: Set<ChildProcess>;
  /** Files outside the work folder that runs write: removed at clean-up. */
  readonly strayFiles: Set<string>;
  /** Clean up, print `tool: message` and exit with status 2. */
  fail(message: string): never;
}

/** Set up the clean-up for `tool` (its name in messages), check valgrind is there, and bundle the runner. */
export async function startValgrindRuns(tool: string): Promise<ValgrindRuns> {
  const children = new Set<ChildProcess>();
  const strayFiles = new Set<string>();
  let workDir: string | undefined;
  const cleanUp = (): void => {
    for (const child of children) child.kill("SIGKILL");
    children.clear();
    for (const file of strayFiles) rmSync(file, { force: true });
    strayFiles.clear();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
    workDir = undefined;
  };
  const fail = (message: string): never => {
    cleanUp();
    process.stderr.write(`${tool}: ${message}\n`);
    process.exit(2);
  };
  // Also when an exception ends the run (the clean-up is synchronous, so it runs at exit).
  process.on("exit", cleanUp);
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.on(signal, () => {
      cleanUp();
      process.exit(code);
    });
  }
  if (spawnSync("valgrind", ["--version"]).status !== 0) fail("valgrind is not installed (Debian: apt-get install valgrind)");
  const dir = mkdtempSync(join(tmpdir(), `infersim-${tool.replace(/\W/g, "-")}-`));
  workDir = dir;
  const bundle = join(dir, "target.mjs");
  await build({
    entryPoints: [join(import.meta.dirname, "instructionsTarget.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: bundle,
    logLevel: "error",
    // Optional dependencies of the report's PNG path, never loaded by a run.
    external: ["protobufjs", "protobufjs/minimal"],
  }).catch((e: unknown) => fail(`bundling the bench runner failed: ${e instanceof Error ? e.message : String(e)}`));
  return { dir, bundle, children, strayFiles, fail };
}

/** How a valgrind run ended, and what it printed. */
export interface ValgrindExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run valgrind with `argv` (in `cwd`, by default this process's), kept in `children` while it runs so that the
 * clean-up stops it. `started` gets its process id as it starts (valgrind runs its program in that process).
 * Resolves when it ends, whatever its exit; rejects only when it could not start.
 */
export function runValgrind(
  children: Set<ChildProcess>,
  argv: readonly string[],
  options: { readonly cwd?: string; readonly started?: (pid: number) => void } = {},
): Promise<ValgrindExit> {
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", argv, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    if (child.pid !== undefined) options.started?.(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) => {
      children.delete(child);
      reject(e);
    });
    child.on("close", (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
