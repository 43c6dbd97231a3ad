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
for (const name of names.length > 0 ? names : all) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "one.ts"), name, short ? "short" : "full"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) failed = true;
  else wallS.set(name, (JSON.parse(r.stdout) as { wallS: number }).wallS);
}
// The output-length target: the same requests with outputs twice as long may take at most 1.3 times as long.
const single = wallS.get("single-replica");
const doubled = wallS.get("single-replica-outputs-x2");
if (single !== undefined && doubled !== undefined) {
  const ratio = Number((doubled / single).toFixed(2));
  // In short mode (2,000 requests) the ratio is noise: the target is checked on full runs.
  const line = { bench: "outputs-x2-over-single-replica", mode: short ? "short" : "full", wallRatio: ratio, target: 1.3 };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
process.exitCode = failed ? 1 : 0;
