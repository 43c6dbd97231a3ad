// @ts-check
// The CLI's loader. Loading the TypeScript sources through tsx takes most of a short command's time (about 0.5 s
// of 0.8 s for `--version` on the 2-core machine the README's figures come from), so the CLI runs from a bundle
// of them instead: built with esbuild on first use into node_modules/.cache/infersim/ (about 0.15 s), and built
// again whenever a source it was built from has changed (size or modification time) or the installed packages
// have (node_modules/.package-lock.json). Packages stay outside the bundle, imported by their resolved paths.
//
// INFERSIM_BUNDLE=0 runs the sources through tsx, as does any failure to build or load the bundle (no esbuild,
// a read-only cache); INFERSIM_CACHE_DIR puts the cache elsewhere; INFERSIM_BUNDLE_TRACE=1 says on stderr which
// way the CLI was loaded.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The project's root (this file is in bin/). */
export const root = fileURLToPath(new URL("..", import.meta.url));

/** Bumped when what a build writes changes, so that older builds are not used. */
const FORMAT = 1;

/** Builds older than this are removed by a newer build (younger ones may be in use by a CLI just started). */
const STALE_BUILD_AGE_MS = 10 * 60 * 1000;

/**
 * @typedef {{ format: number, root: string, build: string, inputs: Record<string, [mtimeMs: number, size: number]> }} Manifest
 * @typedef {{ main: (argv: readonly string[]) => Promise<number>, how: string }} Loaded
 */

/** @param {NodeJS.ProcessEnv} env */
export function cacheDirOf(env) {
  return env.INFERSIM_CACHE_DIR || join(root, "node_modules", ".cache", "infersim");
}

/**
 * Whether a build's manifest still describes the sources: same format and root, and every input (relative to the
 * root) with the size and modification time it had when it was read.
 * @param {unknown} manifest
 * @returns {manifest is Manifest}
 */
export function isFresh(manifest) {
  if (typeof manifest !== "object" || manifest === null) return false;
  const m = /** @type {Partial<Manifest>} */ (manifest);
  if (m.format !== FORMAT || m.root !== root || typeof m.build !== "string" || typeof m.inputs !== "object") return false;
  for (const [file, [mtimeMs, size]] of Object.entries(m.inputs)) {
    let s;
    try {
      s = statSync(join(root, file));
    } catch {
      return false;
    }
    if (s.mtimeMs !== mtimeMs || s.size !== size) return false;
  }
  return true;
}

/** @param {string} dir */
function readManifest(dir) {
  try {
    return /** @type {unknown} */ (JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")));
  } catch {
    return undefined;
  }
}

/**
 * Builds the CLI and the sweep workers' entry into a new directory of the cache and points the manifest at it.
 * The manifest is written last and by rename, so a CLI starting meanwhile sees either the old build or the new
 * one, whole. Returns the new build's directory. A source changed while it was being read leaves the manifest as it
 * was: the build is used this once, and the next start builds again.
 * @param {string} cacheDir
 * @returns {Promise<string>}
 */
export async function build(cacheDir) {
  const esbuild = await import("esbuild");
  const startedMs = Date.now();
  const name = `b-${startedMs}-${process.pid}`;
  const dir = join(cacheDir, name);
  mkdirSync(dir, { recursive: true });
  const result = await esbuild.build({
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
  /** @type {Manifest["inputs"]} */
  const inputs = {};
  let changedWhileRead = false;
  const files = Object.keys(result.metafile.inputs).map((f) => join(root, f));
  const lock = join(root, "node_modules", ".package-lock.json");
  for (const file of [...files, lock]) {
    let s;
    try {
      s = statSync(file);
    } catch {
      continue; // no lock: packages installed some other way; nothing to watch
    }
    if (s.mtimeMs >= startedMs - 1000) changedWhileRead = true;
    inputs[relative(root, file)] = [s.mtimeMs, s.size];
  }
  if (!changedWhileRead) {
    /** @type {Manifest} */
    const manifest = { format: FORMAT, root, build: name, inputs };
    const temp = join(cacheDir, `manifest-${name}.json`);
    writeFileSync(temp, JSON.stringify(manifest));
    renameSync(temp, join(cacheDir, "manifest.json"));
    removeOldBuilds(cacheDir, name, startedMs);
  }
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
 * @param {string} cacheDir
 * @param {string} keep
 * @param {number} nowMs
 */
function removeOldBuilds(cacheDir, keep, nowMs) {
  for (const entry of readdirSync(cacheDir)) {
    if (entry === keep || !entry.startsWith("b-")) continue;
    const dir = join(cacheDir, entry);
    try {
      if (nowMs - statSync(dir).mtimeMs > STALE_BUILD_AGE_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // removed by another CLI meanwhile
    }
  }
}

/**
 * The CLI's `main`, from the bundle when it is fresh or can be built, else from the sources through tsx.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<Loaded>}
 */
export async function loadMain(env) {
  if (env.INFERSIM_BUNDLE !== "0") {
    try {
      const cacheDir = cacheDirOf(env);
      const manifest = readManifest(cacheDir);
      let how = "bundle";
      let dir;
      if (isFresh(manifest)) dir = join(cacheDir, manifest.build);
      else {
        dir = await build(cacheDir);
        how = "bundle, built now";
      }
      const { main } = /** @type {Pick<Loaded, "main">} */ (await import(pathToFileURL(join(dir, "cli.js")).href));
      return { main, how: `${how} (${dir})` };
    } catch (e) {
      const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
      return { ...(await fromSources()), how: `sources through tsx: the bundle failed: ${reason}` };
    }
  }
  return { ...(await fromSources()), how: "sources through tsx (INFERSIM_BUNDLE=0)" };
}

/** @returns {Promise<Pick<Loaded, "main">>} */
async function fromSources() {
  const { register } = await import("tsx/esm/api");
  register();
  return /** @type {Pick<Loaded, "main">} */ (await import("../experiments/cli/main.ts"));
}
