import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, cacheDirOf, isFresh, root } from "../../bin/cliBundle.mjs";
import { tempDir } from "../tempDir.ts";

interface Manifest {
  build: string;
  inputs: Record<string, [number, number]>;
}
const manifestIn = (cacheDir: string): Manifest => JSON.parse(readFileSync(join(cacheDir, "manifest.json"), "utf8")) as Manifest;

/** Start the CLI of the project at `projectRoot` as a user would, saying on stderr which way it was loaded. */
function infersim(projectRoot: string, args: readonly string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [join(projectRoot, "bin", "infersim.mjs"), ...args], {
    encoding: "utf8",
    env: { ...process.env, INFERSIM_BUNDLE: "1", INFERSIM_BUNDLE_TRACE: "1", ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A copy of the project's sources (sharing its node_modules) whose files were last changed an hour ago, so that a
 * test can edit one and see the CLI pick the edit up.
 */
function projectCopy(): string {
  const dir = tempDir("infersim-copy-");
  for (const part of ["bin", "experiments", "sim", "hardware", "policies", "viz", "index.ts", "package.json"]) {
    cpSync(join(root, part), join(dir, part), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  const hourAgo = new Date(Date.now() - 3600_000);
  const age = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const p = join(path, entry.name);
      if (entry.isDirectory()) age(p);
      else if (entry.isFile()) utimesSync(p, hourAgo, hourAgo);
    }
  };
  age(dir);
  return dir;
}

describe("the CLI's bundle", () => {
  it("is built on first use, loaded on the next start, and built again once a source is edited", () => {
    const copy = projectCopy();
    const env = { INFERSIM_CACHE_DIR: join(copy, "cache") };
    const first = infersim(copy, ["--version"], env);
    const { version } = JSON.parse(readFileSync(join(copy, "package.json"), "utf8")) as { version: string };
    expect(first.stdout.trim()).toBe(version);
    expect(first.stderr).toMatch(/loaded from bundle, built now/);
    const second = infersim(copy, ["--version"], env);
    expect(second.stderr).toMatch(/loaded from bundle \(/);
    expect(second.stdout).toBe(first.stdout);

    const versionFile = join(copy, "experiments", "version.ts");
    writeFileSync(versionFile, readFileSync(versionFile, "utf8").replace(/"[^"]*"/, '"9.9.9-edited"'));
    const edited = infersim(copy, ["--version"], env);
    expect(edited.stderr).toMatch(/loaded from bundle, built now/);
    expect(edited.stdout.trim()).toBe("9.9.9-edited");
  });

  it("runs the sources through tsx when INFERSIM_BUNDLE=0, with the same output", () => {
    const dir = tempDir("infersim-bundle-");
    const run = (bundle: string) => {
      const out = join(dir, `out-${bundle}`);
      const r = infersim(root, ["run", join(root, "examples", "poisson.yaml"), "--out", out, "-q"], {
        INFERSIM_BUNDLE: bundle,
        INFERSIM_CACHE_DIR: join(dir, "cache"),
      });
      expect(r.status).toBe(0);
      return { stderr: r.stderr, csv: readFileSync(join(out, "requests.csv"), "utf8") };
    };
    const sources = run("0");
    const bundled = run("1");
    expect(sources.stderr).toMatch(/loaded from sources through tsx \(INFERSIM_BUNDLE=0\)/);
    expect(bundled.stderr).toMatch(/loaded from bundle/);
    expect(bundled.csv).toBe(sources.csv);
  });

  it("falls back to the sources when the cache cannot be written, and still runs", () => {
    const dir = tempDir("infersim-bundle-");
    const notADirectory = join(dir, "file");
    writeFileSync(notADirectory, "");
    const r = infersim(root, ["--version"], { INFERSIM_CACHE_DIR: join(notADirectory, "cache") });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/loaded from sources through tsx: the bundle failed: .*ENOTDIR/);
  });

  it("runs a sweep's workers from the bundled worker, with the sources' results", () => {
    const dir = tempDir("infersim-bundle-");
    const sweep = (bundle: string): unknown => {
      const out = join(dir, `sweep-${bundle}`);
      const args = ["sweep", join(root, "examples", "poisson.yaml"), "--axis", "workload.arrival.ratePerS=2,4", "-r", "2"];
      const extra = ["--set", "workload.durationS=20", "--workers", "2", "--out", out, "-q"];
      const r = infersim(root, [...args, ...extra], { INFERSIM_BUNDLE: bundle, INFERSIM_CACHE_DIR: join(dir, "cache") });
      expect(r.stderr).toMatch(bundle === "1" ? /loaded from bundle/ : /loaded from sources/);
      expect(r.status).toBe(0);
      const file = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8")) as Record<string, unknown>;
      delete file.wallClock;
      return file;
    };
    expect(sweep("1")).toEqual(sweep("0"));
  });
});

describe("isFresh", () => {
  it("holds for a new build and fails once an input's recorded size or time differs or the input is gone", async () => {
    const cacheDir = join(tempDir("infersim-bundle-"), "cache");
    await build(cacheDir);
    const manifest = manifestIn(cacheDir);
    expect(isFresh(manifest)).toBe(true);
    expect(Object.keys(manifest.inputs)).toContain(join("experiments", "cli", "main.ts"));
    const [file, [mtimeMs, size]] = Object.entries(manifest.inputs)[0]!;
    expect(isFresh({ ...manifest, inputs: { ...manifest.inputs, [file]: [mtimeMs + 1, size] } })).toBe(false);
    expect(isFresh({ ...manifest, inputs: { ...manifest.inputs, [file]: [mtimeMs, size + 1] } })).toBe(false);
    expect(isFresh({ ...manifest, inputs: { ...manifest.inputs, "experiments/gone.ts": [mtimeMs, size] } })).toBe(false);
    expect(isFresh({ ...manifest, root: "/elsewhere/" })).toBe(false);
    expect(isFresh({ ...manifest, format: 0 })).toBe(false);
    expect(isFresh(undefined)).toBe(false);
  });
});

describe("build", () => {
  it("writes the CLI and the worker with their source maps, and removes only builds over ten minutes old", async () => {
    const cacheDir = join(tempDir("infersim-bundle-"), "cache");
    const old = join(cacheDir, "b-1-1");
    const young = join(cacheDir, "b-2-2");
    mkdirSync(old, { recursive: true });
    mkdirSync(young);
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    utimesSync(old, elevenMinutesAgo, elevenMinutesAgo);
    const dir = await build(cacheDir);
    for (const file of ["cli.js", "cli.js.map", "worker.js", "worker.js.map"]) expect(existsSync(join(dir, file))).toBe(true);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(young)).toBe(true);
    expect(join(cacheDir, manifestIn(cacheDir).build)).toBe(dir);
  });

  it("puts the cache in the project's node_modules unless INFERSIM_CACHE_DIR says otherwise", () => {
    expect(cacheDirOf({})).toBe(join(root, "node_modules", ".cache", "infersim"));
    expect(cacheDirOf({ INFERSIM_CACHE_DIR: "/tmp/x" })).toBe("/tmp/x");
  });
});
