import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import * as thisProject from "../../bin/cliBundle.mjs";
import { infersim as cli, root } from "../cli.ts";
import { tempDir } from "../tempDir.ts";

interface Manifest {
  build: string;
  inputs: Record<string, [number, number]>;
}
const manifestIn = (loader: typeof thisProject, cacheDir: string): Manifest =>
  JSON.parse(readFileSync(loader.manifestPath(cacheDir), "utf8")) as Manifest;

/** Start the CLI of the project at `projectRoot` as a user would, saying on stderr which way it was loaded. */
function infersim(projectRoot: string, args: readonly string[], env: Record<string, string>, cwd = projectRoot) {
  return cli(args, { projectRoot, cwd, env: { INFERSIM_BUNDLE: "1", INFERSIM_BUNDLE_TRACE: "1", ...env } });
}

const hourAgo = (): Date => new Date(Date.now() - 3600_000);

/** Set a file's (or every file's under a directory) modification time to an hour ago. */
function age(path: string): void {
  if (statSync(path).isFile()) {
    utimesSync(path, hourAgo(), hourAgo());
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory() || entry.isFile()) age(join(path, entry.name));
  }
}

/**
 * A copy of the project's sources (sharing its node_modules) whose files were last changed an hour ago, so that a
 * test can edit one and see the CLI pick the edit up; and the copy's own loader, for tests in this process.
 */
async function projectCopy(): Promise<{ copy: string; loader: typeof thisProject }> {
  const copy = tempDir("infersim-copy-");
  for (const part of ["bin", "experiments", "sim", "hardware", "policies", "viz", "index.ts", "package.json", "tsconfig.json"]) {
    cpSync(join(root, part), join(copy, part), { recursive: true });
  }
  age(copy);
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  const loader = (await import(pathToFileURL(join(copy, "bin", "cliBundle.mjs")).href)) as typeof thisProject;
  return { copy, loader };
}

/** Change the version string in a copy's sources. */
function setVersion(copy: string, version: string): void {
  const file = join(copy, "experiments", "version.ts");
  writeFileSync(file, readFileSync(file, "utf8").replace(/"[^"]*"/, JSON.stringify(version)));
}

describe("the CLI's bundle", () => {
  it("is built on first use, loaded on the next start, and built again once a source is edited", async () => {
    const { copy } = await projectCopy();
    const env = { INFERSIM_CACHE_DIR: join(copy, "cache") };
    const first = infersim(copy, ["--version"], env);
    const { version } = JSON.parse(readFileSync(join(copy, "package.json"), "utf8")) as { version: string };
    expect(first.stdout.trim()).toBe(version);
    expect(first.stderr).toMatch(/loaded from bundle, built now/);
    const second = infersim(copy, ["--version"], env);
    expect(second.stderr).toMatch(/loaded from bundle \(/);
    expect(second.stdout).toBe(first.stdout);

    setVersion(copy, "9.9.9-edited");
    const edited = infersim(copy, ["--version"], env);
    expect(edited.stderr).toMatch(/loaded from bundle, built now/);
    expect(edited.stdout.trim()).toBe("9.9.9-edited");
    // Edited a moment ago, the file is built from but not recorded (it might have changed while read): once it
    // is older, the next build is recorded and the one after it is loaded.
    age(join(copy, "experiments", "version.ts"));
    expect(infersim(copy, ["--version"], env).stderr).toMatch(/built now/);
    const again = infersim(copy, ["--version"], env);
    expect(again.stderr).toMatch(/loaded from bundle \(/);
    expect(again.stdout.trim()).toBe("9.9.9-edited");
  });

  it("records its sources when started from another directory, so an edit there is built too", async () => {
    const { copy } = await projectCopy();
    const env = { INFERSIM_CACHE_DIR: join(copy, "cache") };
    // Deeper than the copy, so that a source named relative to the working directory is not one by chance.
    const elsewhere = join(tempDir("infersim-cwd-"), "a", "b");
    mkdirSync(elsewhere, { recursive: true });
    expect(infersim(copy, ["--version"], env, elsewhere).stderr).toMatch(/built now/);
    expect(infersim(copy, ["--version"], env, elsewhere).stderr).toMatch(/loaded from bundle \(/);
    setVersion(copy, "9.9.9-elsewhere");
    const edited = infersim(copy, ["--version"], env, elsewhere);
    expect(edited.stderr).toMatch(/built now/);
    expect(edited.stdout.trim()).toBe("9.9.9-elsewhere");
  });

  it("builds again when the build its manifest names is gone", async () => {
    const { copy, loader } = await projectCopy();
    const cacheDir = join(copy, "cache");
    const env = { INFERSIM_CACHE_DIR: cacheDir };
    expect(infersim(copy, ["--version"], env).stderr).toMatch(/built now/);
    rmSync(join(cacheDir, manifestIn(loader, cacheDir).build), { recursive: true });
    const r = infersim(copy, ["--version"], env);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/loaded from bundle, built now/);
  });

  it("builds again when the build its manifest names will not load", async () => {
    const { copy, loader } = await projectCopy();
    const cacheDir = join(copy, "cache");
    const env = { INFERSIM_CACHE_DIR: cacheDir };
    expect(infersim(copy, ["--version"], env).stderr).toMatch(/built now/);
    writeFileSync(join(cacheDir, manifestIn(loader, cacheDir).build, "cli.js"), "export const main = ;\n");
    const r = infersim(copy, ["--version"], env);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/loaded from bundle, built now/);
  });

  it("starts a sweep's workers under --debug whatever options node was started with", () => {
    const dir = tempDir("infersim-bundle-");
    const args = ["sweep", "--axis", "workload.arrival.ratePerS=2,4", "--set", "workload.durationS=10", "--workers", "2"];
    const r = cli([...args, "--out", join(dir, "sweep"), "-q", "--debug"], {
      nodeOptions: ["--stack-size=2000"],
      env: { INFERSIM_BUNDLE: "1", INFERSIM_CACHE_DIR: join(dir, "cache") },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
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
  it("holds for a new build and fails once an input's recorded size or time differs, an input or the build is gone", async () => {
    const { loader } = await projectCopy();
    const cacheDir = join(tempDir("infersim-bundle-"), "cache");
    await loader.build(cacheDir);
    const manifest = manifestIn(loader, cacheDir);
    expect(loader.isFresh(cacheDir, manifest)).toBe(true);
    for (const file of ["experiments/cli/main.ts", "experiments/parallel/worker.ts", "sim/replica.ts", "bin/cliBundle.mjs", "package.json", "tsconfig.json"]) {
      expect(Object.keys(manifest.inputs)).toContain(file);
    }
    const [file, [mtimeMs, size]] = Object.entries(manifest.inputs)[0]!;
    const withInput = (input: Record<string, [number, number]>): unknown => ({ ...manifest, inputs: { ...manifest.inputs, ...input } });
    expect(loader.isFresh(cacheDir, withInput({ [file]: [mtimeMs + 1, size] }))).toBe(false);
    expect(loader.isFresh(cacheDir, withInput({ [file]: [mtimeMs, size + 1] }))).toBe(false);
    expect(loader.isFresh(cacheDir, withInput({ "experiments/gone.ts": [mtimeMs, size] }))).toBe(false);
    expect(loader.isFresh(cacheDir, { ...manifest, root: "/elsewhere/" })).toBe(false);
    expect(loader.isFresh(cacheDir, { ...manifest, format: 0 })).toBe(false);
    expect(loader.isFresh(cacheDir, { ...manifest, inputs: null })).toBe(false);
    expect(loader.isFresh(cacheDir, undefined)).toBe(false);
    rmSync(join(cacheDir, manifest.build, "worker.js"));
    expect(loader.isFresh(cacheDir, manifest)).toBe(false);
  });
});

describe("build", () => {
  it("writes the CLI and the worker with their source maps, and removes only builds unused for ten minutes", async () => {
    const { loader } = await projectCopy();
    const cacheDir = join(tempDir("infersim-bundle-"), "cache");
    const first = await loader.build(cacheDir);
    const named = join(cacheDir, "b-1-1");
    const young = join(cacheDir, "b-2-2");
    const leftover = join(cacheDir, "b-3-3.manifest.tmp");
    const running = join(cacheDir, "b-4-4");
    const crashed = join(cacheDir, "b-5-5");
    const notABuild = join(cacheDir, "b-mydata");
    for (const path of [named, young, running, crashed, notABuild]) mkdirSync(path);
    writeFileSync(leftover, "{");
    // This process is running; a process that has ended leaves a mark that no longer counts.
    writeFileSync(join(running, `pid-${process.pid}`), "");
    const ended = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(join(crashed, `pid-${ended}`), "");
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    for (const path of [first, named, leftover, running, crashed, notABuild]) utimesSync(path, elevenMinutesAgo, elevenMinutesAgo);
    // Another checkout's manifest in the same cache names b-1-1: it stays.
    writeFileSync(join(cacheDir, "manifest-000000000000.json"), JSON.stringify({ build: "b-1-1" }));

    const dir = await loader.build(cacheDir);
    for (const file of ["cli.js", "cli.js.map", "worker.js", "worker.js.map"]) expect(existsSync(join(dir, file))).toBe(true);
    expect(join(cacheDir, manifestIn(loader, cacheDir).build)).toBe(dir);
    for (const path of [first, leftover, crashed]) expect(existsSync(path)).toBe(false);
    for (const path of [named, young, running, notABuild]) expect(existsSync(path)).toBe(true);
  });

  it("records its inputs even when one is dated in the future", async () => {
    const { copy, loader } = await projectCopy();
    const cacheDir = join(tempDir("infersim-bundle-"), "cache");
    const inAnHour = new Date(Date.now() + 3600_000);
    utimesSync(join(copy, "experiments", "version.ts"), inAnHour, inAnHour);
    const dir = await loader.build(cacheDir);
    expect(join(cacheDir, manifestIn(loader, cacheDir).build)).toBe(dir);
  });

  it("keeps one manifest per project root, in the project's node_modules unless INFERSIM_CACHE_DIR says otherwise", async () => {
    const { loader } = await projectCopy();
    expect(thisProject.cacheDirOf({})).toBe(join(root, "node_modules", ".cache", "infersim"));
    expect(thisProject.cacheDirOf({ INFERSIM_CACHE_DIR: "/tmp/x" })).toBe("/tmp/x");
    expect(loader.manifestPath("/tmp/x")).not.toBe(thisProject.manifestPath("/tmp/x"));
  });
});
