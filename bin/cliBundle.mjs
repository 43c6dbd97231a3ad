// @ts-check
// The CLI's loader. Loading the TypeScript sources through tsx takes most of a short command's time (about 0.5 s
// of 0.8 s for `--version` on the 2-core machine the README's figures come from), so the CLI runs from a bundle
// of them instead: built with esbuild on first use into node_modules/.cache/infersim/ (about 0.15 s), and built
// again whenever a file it was built from has changed (size or modification time): a source, this loader,
// package.json, tsconfig.json, or the installed packages (node_modules/.package-lock.json). Packages stay outside
// the bundle, imported by their resolved paths.
//
// INFERSIM_BUNDLE=0 runs the sources through tsx, as does any failure to build or load the bundle (no esbuild,
// a read-only cache); INFERSIM_CACHE_DIR puts the cache elsewhere; INFERSIM_BUNDLE_TRACE=1 says on stderr which
// way the CLI was loaded.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The project's root (this file is in bin/). */
export const root = fileURLToPath(new URL("..", import.meta.url));

/** Bumped when what a build writes changes, so that older builds are not used. */
const FORMAT = 1;

/**
 * The next build removes an older one that no manifest names, no running CLI uses and none has loaded for this
 * long. A CLI marks the build it loads with a `pid-<pid>` file, removed when it exits: a long sweep whose workers
 * start late keeps its build whatever its age.
 */
const UNUSED_BUILD_AGE_MS = 10 * 60 * 1000;

/** A build's directory, and the temporary manifest a build writes; nothing else in the cache is removed. */
const BUILD_NAME = /^(b-\d+-\d+)(\.manifest\.tmp)?$/;

/** Files a build depends on besides the sources esbuild reads; the lock is absent when npm did not install. */
const ALSO_WATCHED = ["bin/cliBundle.mjs", "package.json", "tsconfig.json"];
const PACKAGE_LOCK = join("node_modules", ".package-lock.json");

/**
 * @typedef {{ format: number, root: string, build: string, inputs: Record<string, [mtimeMs: number, size: number]> }} Manifest
 * @typedef {(argv: readonly string[]) => Promise<number>} Main
 */

/** @param {NodeJS.ProcessEnv} env */
export function cacheDirOf(env) {
  return env.INFERSIM_CACHE_DIR || join(root, "node_modules", ".cache", "infersim");
}

/**
 * The manifest's file in a cache: one per project root, so that checkouts sharing a cache keep their own builds.
 * @param {string} cacheDir
 */
export function manifestPath(cacheDir) {
  const key = createHash("sha256").update(root).digest("hex").slice(0, 12);
  return join(cacheDir, `manifest-${key}.json`);
}

/**
 * Whether a build's manifest still describes the project: same format and root, the build's files present, and
 * every input (relative to the root) with the size and modification time it had when it was read.
 * @param {string} cacheDir
 * @param {unknown} manifest
 * @returns {manifest is Manifest}
 */
export function isFresh(cacheDir, manifest) {
  try {
    const m = /** @type {Manifest} */ (manifest);
    if (m.format !== FORMAT || m.root !== root || typeof m.build !== "string") return false;
    if (!existsSync(join(cacheDir, m.build, "cli.js")) || !existsSync(join(cacheDir, m.build, "worker.js"))) return false;
    for (const [file, [mtimeMs, size]] of Object.entries(m.inputs)) {
      const s = statSync(join(root, file));
      if (s.mtimeMs !== mtimeMs || s.size !== size) return false;
    }
    return true;
  } catch {
    return false; // no manifest, a malformed one, or an input gone
  }
}

/** @param {string} cacheDir */
function readManifest(cacheDir) {
  try {
    return /** @type {unknown} */ (JSON.parse(readFileSync(manifestPath(cacheDir), "utf8")));
  } catch {
    return undefined;
  }
}

/**
 * Builds the CLI and the sweep workers' entry into a new directory of the cache and points the manifest at it.
 * The manifest is written last and by rename, so a CLI starting meanwhile sees either the old build or the new
 * one, whole. Returns the new build's directory. An input changed while the build was reading it leaves the
 * manifest as it was: the build is used this once, and the next start builds again.
 * @param {string} cacheDir
 * @returns {Promise<string>}
 */
export async function build(cacheDir) {
  const esbuild = await import("esbuild");
  const startedMs = Date.now();
  const name = `b-${startedMs}-${process.pid}`;
  const dir = join(cacheDir, name);
  mkdirSync(dir, { recursive: true });
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: { cli: join(root, "experiments", "cli", "main.ts"), worker: join(root, "experiments", "parallel", "worker.ts") },
      outdir: dir,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: true,
      metafile: true,
      logLevel: "silent",
      plugins: [packagesByPath],
    });
  } finally {
    await esbuild.stop();
  }
  const endedMs = Date.now();
  /** @type {Manifest["inputs"]} */
  const inputs = {};
  let changedWhileRead = false;
  const files = [...Object.keys(result.metafile.inputs), ...ALSO_WATCHED];
  if (existsSync(join(root, PACKAGE_LOCK))) files.push(PACKAGE_LOCK);
  for (const file of files) {
    const s = statSync(join(root, file)); // every input is there: a missing one fails the build
    // A modification time within the build (give or take a second of file-system granularity) may be an edit
    // made after esbuild read the file; one in the future is a clock's doing, and any later edit changes it.
    if (s.mtimeMs >= startedMs - 1000 && s.mtimeMs <= endedMs + 1000) changedWhileRead = true;
    inputs[file] = [s.mtimeMs, s.size];
  }
  if (!changedWhileRead) {
    /** @type {Manifest} */
    const manifest = { format: FORMAT, root, build: name, inputs };
    const temp = join(cacheDir, `${name}.manifest.tmp`);
    writeFileSync(temp, JSON.stringify(manifest));
    renameSync(temp, manifestPath(cacheDir));
  }
  removeUnused(cacheDir, name, endedMs);
  return dir;
}

/**
 * Packages and Node's modules stay outside the bundle. A package is imported by the file URL it resolves to from
 * this project, so the bundle runs from any cache directory (a bare name would be looked up from the bundle's
 * own directory, and only a cache inside the project would find node_modules).
 * @type {import("esbuild").Plugin}
 */
const packagesByPath = {
  name: "packages-by-path",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      return { path: import.meta.resolve(args.path), external: true };
    });
  },
};

/**
 * Removes the builds (and leftover temporary manifests) that no manifest in the cache names, that no running
 * process has marked as in use, and that were neither built nor loaded in the last ten minutes.
 * @param {string} cacheDir
 * @param {string} keep this build
 * @param {number} nowMs
 */
function removeUnused(cacheDir, keep, nowMs) {
  const named = new Set([keep]);
  const entries = readdirSync(cacheDir);
  for (const entry of entries) {
    if (!entry.startsWith("manifest-")) continue;
    try {
      named.add(/** @type {Manifest} */ (JSON.parse(readFileSync(join(cacheDir, entry), "utf8"))).build);
    } catch {
      // being replaced, or not ours
    }
  }
  for (const entry of entries) {
    const match = BUILD_NAME.exec(entry);
    if (match === null || named.has(/** @type {string} */ (match[1]))) continue;
    const path = join(cacheDir, entry);
    try {
      if (nowMs - statSync(path).mtimeMs <= UNUSED_BUILD_AGE_MS) continue;
      if (match[2] === undefined && inUse(path)) continue;
      rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by another CLI meanwhile
    }
  }
}

/**
 * Whether a running process has marked the build as in use.
 * @param {string} dir
 */
function inUse(dir) {
  for (const entry of readdirSync(dir)) {
    const pid = /^pid-(\d+)$/.exec(entry)?.[1];
    if (pid === undefined) continue;
    try {
      process.kill(Number(pid), 0); // signal 0 only asks whether the process exists
      return true;
    } catch (e) {
      // EPERM: it exists but is another user's
      if (/** @type {NodeJS.ErrnoException} */ (e).code === "EPERM") return true;
    }
  }
  return false;
}

/**
 * Imports a build's CLI, first marking the build as in use by this process. A build removed meanwhile fails here
 * (and is made again); one in a cache this user cannot write to is used unmarked.
 * @param {string} dir
 * @returns {Promise<Main>}
 */
async function importBuild(dir) {
  const mark = join(dir, `pid-${process.pid}`);
  try {
    writeFileSync(mark, "");
    process.once("exit", () => rmSync(mark, { force: true }));
    const now = new Date();
    utimesSync(dir, now, now);
  } catch (e) {
    if (!existsSync(join(dir, "cli.js"))) throw e;
  }
  return /** @type {{ main: Main }} */ (await import(pathToFileURL(join(dir, "cli.js")).href)).main;
}

/**
 * The CLI's `main`, from the bundle when it is fresh or can be built (a fresh build that will not load is built
 * again), else from the sources through tsx; `how` says which.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ main: Main, how: string }>}
 */
export async function loadMain(env) {
  if (env.INFERSIM_BUNDLE === "0") return { main: await fromSources(), how: "sources through tsx (INFERSIM_BUNDLE=0)" };
  const cacheDir = cacheDirOf(env);
  try {
    const manifest = readManifest(cacheDir);
    if (isFresh(cacheDir, manifest)) {
      const dir = join(cacheDir, manifest.build);
      try {
        return { main: await importBuild(dir), how: `bundle (${dir})` };
      } catch {
        // built by another version of Node or esbuild, or half removed: build it again
      }
    }
    const dir = await build(cacheDir);
    return { main: await importBuild(dir), how: `bundle, built now (${dir})` };
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return { main: await fromSources(), how: `sources through tsx: the bundle failed: ${reason}` };
  }
}

/** @returns {Promise<Main>} */
async function fromSources() {
  const { register } = await import("tsx/esm/api");
  register();
  return /** @type {{ main: Main }} */ (await import("../experiments/cli/main.ts")).main;
}
