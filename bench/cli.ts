// `npm run bench:cli [-- --short] [-- repeats]`: the CLI's wall time from a user's shell, loaded from its bundle
// and from the sources through tsx (INFERSIM_BUNDLE=0), for three commands: `--version` (start-up alone), `run` of
// the default scenario, and a small rate sweep on the default worker count (its workers load the same way). The
// two ways run alternately (bundle first, then the sources first), and each line gives the median of the repeats
// and their ratio. The bundle is built before the first timed run, so no line includes a build.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const short = args.includes("--short");
const repeatArg = args.find((a) => !a.startsWith("--"));
const repeats = repeatArg === undefined ? (short ? 1 : 5) : Number(repeatArg);
if (!Number.isInteger(repeats) || repeats < 1) {
  process.stderr.write("usage: cli.ts [--short] [repeats ≥ 1]\n");
  process.exit(2);
}

const bin = join(import.meta.dirname, "..", "bin", "infersim.mjs");
const dir = mkdtempSync(join(tmpdir(), "infersim-bench-cli-"));
const commands: Record<string, readonly string[]> = {
  version: ["--version"],
  run: ["run", "--out", join(dir, "run"), "--force", "-q"],
  sweep: ["sweep", "--axis", "workload.arrival.ratePerS=5,10,15,20", "--set", "workload.durationS=60", "--out", join(dir, "sweep"), "--force", "-q"],
};

/** One command's wall seconds, loaded from the bundle or from the sources. */
function timeOnce(command: readonly string[], bundle: boolean): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...command], {
    encoding: "utf8",
    env: { ...process.env, INFERSIM_BUNDLE: bundle ? "1" : "0" },
  });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    process.stderr.write(`infersim ${command.join(" ")} exited with ${r.status}:\n${r.stderr}`);
    process.exit(1);
  }
  return wallS;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  timeOnce(commands.version!, true); // builds the bundle if the sources changed since the last build
  for (const [name, command] of Object.entries(commands)) {
    const bundled: number[] = [];
    const sources: number[] = [];
    for (let k = 0; k < repeats; k++) {
      const bundleFirst = k % 2 === 0;
      if (bundleFirst) bundled.push(timeOnce(command, true));
      sources.push(timeOnce(command, false));
      if (!bundleFirst) bundled.push(timeOnce(command, true));
    }
    const line = {
      bench: `cli-${name}`,
      mode: short ? "short" : "full",
      repeats,
      bundleWallS: Number(median(bundled).toFixed(3)),
      sourcesWallS: Number(median(sources).toFixed(3)),
      bundleOverSources: Number((median(bundled) / median(sources)).toFixed(2)),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
