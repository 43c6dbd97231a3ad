// `npm run bench [-- --short] [-- name ...]`: runs the benchmarks, one child process each, and prints JSON lines:
// requests simulated, events, wall seconds, requests and events per wall second, peak RSS, and the ratio of the
// simulator's time to a plain push+pop loop on the same priority queue with the same number of events.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const args = process.argv.slice(2);
const short = args.includes("--short");
const names = args.filter((a) => !a.startsWith("--"));
const all = ["single-replica", "single-replica-outputs-x2", "cluster-hour", "fleet", "sweep"];
let failed = false;
/** Wall seconds of each bench run so far. */
const wallS = new Map<string, number>();

/** Run one bench in a child process; its JSON line, or undefined when it failed. */
function runOne(name: string, print: boolean): { wallS: number } | undefined {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "one.ts"), name, short ? "short" : "full"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (print) process.stdout.write(r.stdout);
  if (r.status !== 0) {
    failed = true;
    return undefined;
  }
  return JSON.parse(r.stdout) as { wallS: number };
}

for (const name of names.length > 0 ? names : all) {
  const line = runOne(name, true);
  if (line !== undefined) wallS.set(name, line.wallS);
}

// The output-length target: the same requests with outputs twice as long may take at most 1.3 times as long.
// On a shared machine one run's wall time varies by ±20%, so full runs take the median ratio of three pairs run
// back to back (the first pair is the two lines above). The second pair runs the doubled outputs first: of two
// runs back to back the second was often the slower (in all six fleet pairs of the tenth session), which would
// otherwise always weigh on the same side.
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const single = wallS.get("single-replica");
const doubled = wallS.get("single-replica-outputs-x2");
if (single !== undefined && doubled !== undefined) {
  const ratios = [doubled / single];
  for (let k = 1; k < (short ? 1 : 3); k++) {
    const doubledFirst = k % 2 === 1;
    const d0 = doubledFirst ? runOne("single-replica-outputs-x2", false) : undefined;
    const s = runOne("single-replica", false);
    const d = doubledFirst ? d0 : runOne("single-replica-outputs-x2", false);
    if (s !== undefined && d !== undefined) ratios.push(d.wallS / s.wallS);
  }
  // In short mode (2,000 requests) the ratio is noise: the target is checked on full runs.
  const line = {
    bench: "outputs-x2-over-single-replica",
    mode: short ? "short" : "full",
    wallRatio: Number(median(ratios).toFixed(2)),
    pairRatios: ratios.map((r) => Number(r.toFixed(2))),
    target: 1.3,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
process.exitCode = failed ? 1 : 0;
