// `npm run bench:instructions [-- --short] [-- --steady] [-- name ...]`: instructions and cache misses per simulated request,
// counted by valgrind's cachegrind, for the bench scenarios. Unlike wall time (±20% from run to run on a shared
// machine), the counts repeat to about 0.05%, so a change worth half a percent shows. Each bench runs at its
// bench size (100,000 requests; 600 simulated seconds for cluster-hour) and at a baseline of 100 requests (one
// second), at the same time (one per core); per-request figures are the differences divided by the extra
// requests, so process start-up cancels out while warm-up and collection count, as in the wall-clock bench
// (whose timed run, like this one, builds no request rows). (Two large sizes would cancel warm-up too, but
// whether a major collection falls inside one run and not the other then swings the difference by 5%.) Needs
// valgrind (Debian: apt-get install valgrind).
//
// `--steady` counts a run's steady state instead: each bench runs at four sizes (1, 1.5, 2 and 2.5 times its
// steady base: 100,000 requests; 50,000 for fleet), and per-request figures are the slopes of a least-squares
// line through the four counts, so warm-up, compilation and start-up all cancel out. That is what a request
// costs once V8 has compiled the simulator: the cost that a long run (or a worker's later runs) pays. The three
// slopes between neighbouring sizes are printed too: where a collection falls moves them by up to about 8%.
// cluster-hour's base is 600 simulated seconds (its per-request figures are per request all the same).
//
// Counts are of instructions, not time: a cache miss costs tens to hundreds of instructions' time, so the misses
// are reported beside them, for a first level of 32 KiB and a second of 1 MiB (this machine's L1d and L2 per
// core). V8 runs --predictable (one thread, no timers), so compilation and collection happen at the same points
// every time.
import type { ChildProcess } from "node:child_process";
import { runValgrind, startValgrindRuns } from "./valgrindRuns.ts";
import type { ValgrindRuns } from "./valgrindRuns.ts";

const args = process.argv.slice(2);
const short = args.includes("--short");
const steady = args.includes("--steady");
const mode = `${short ? "short" : "full"}${steady ? "-steady" : ""}`;
const names = args.filter((a) => !a.startsWith("--"));
const unknownOption = args.find((a) => a.startsWith("--") && a !== "--short" && a !== "--steady");
/** Each bench's size (requests; simulated seconds for cluster-hour) and the baseline's. */
const sizes: Record<string, { n: number; baseline: number }> = short
  ? {
      "single-replica": { n: 2_000, baseline: 100 },
      "single-replica-outputs-x2": { n: 2_000, baseline: 100 },
      "cluster-hour": { n: 10, baseline: 1 },
      fleet: { n: 2_000, baseline: 100 },
    }
  : {
      "single-replica": { n: 100_000, baseline: 100 },
      "single-replica-outputs-x2": { n: 100_000, baseline: 100 },
      "cluster-hour": { n: 600, baseline: 1 },
      fleet: { n: 100_000, baseline: 100 },
    };
/** `--steady`: each bench's smallest size; it also runs at 1.5, 2 and 2.5 times that. */
const steadyBase: Record<string, number> = short
  ? { "single-replica": 2_000, "single-replica-outputs-x2": 2_000, "cluster-hour": 10, fleet: 2_000 }
  : { "single-replica": 100_000, "single-replica-outputs-x2": 100_000, "cluster-hour": 600, fleet: 50_000 };
const STEADY_FACTORS = [1, 1.5, 2, 2.5];
// Short mode (CI) only checks that the tool still works: its figures are mostly warm-up.
const defaults = short ? ["single-replica", "single-replica-outputs-x2"] : ["single-replica", "single-replica-outputs-x2", "fleet"];

interface Counts {
  readonly requests: number;
  readonly steps: number;
  readonly instructions: number;
  readonly d1Misses: number;
  readonly l2Misses: number;
}

/** A mistake in the command line, before anything runs. */
function usageError(message: string): never {
  process.stderr.write(`bench:instructions: ${message}\n`);
  process.exit(2);
}

/** One run of the bundle under cachegrind (`children`: the runs under way, stopped if the tool fails). */
function count(children: Set<ChildProcess>, bundle: string, name: string, size: number): Promise<Counts> {
  const argv = [
    "--tool=cachegrind",
    "--cache-sim=yes",
    "--D1=32768,8,64",
    "--LL=1048576,16,64",
    "--smc-check=all-non-file",
    "--cachegrind-out-file=/dev/null",
    process.execPath,
    "--predictable",
    bundle,
    name,
    String(size),
  ];
  return runValgrind(children, argv).then(({ code, stdout, stderr }) => {
    const read = (label: RegExp): number => Number(label.exec(stderr)?.[1]?.replaceAll(",", "") ?? Number.NaN);
    const run = code === 0 ? (JSON.parse(stdout) as { requests: number; steps: number }) : undefined;
    const counts = {
      requests: run?.requests ?? Number.NaN,
      steps: run?.steps ?? Number.NaN,
      instructions: read(/I\s+refs:\s+([\d,]+)/),
      d1Misses: read(/D1\s+misses:\s+([\d,]+)/),
      l2Misses: read(/LLd\s+misses:\s+([\d,]+)/),
    };
    if (code !== 0 || Object.values(counts).some(Number.isNaN)) {
      throw new Error(`${name} at ${size} failed under valgrind (exit ${code}):\n${stderr.slice(-2000)}`);
    }
    return counts;
  });
}

const perRequest = (a: Counts, b: Counts, key: keyof Counts): number => (b[key] - a[key]) / (b.requests - a.requests);

/** The least-squares slope of `key` over requests through the runs. */
function slope(runs: readonly Counts[], key: keyof Counts): number {
  const meanX = runs.reduce((sum, r) => sum + r.requests, 0) / runs.length;
  const meanY = runs.reduce((sum, r) => sum + r[key], 0) / runs.length;
  let sxy = 0;
  let sxx = 0;
  for (const r of runs) {
    sxy += (r.requests - meanX) * (r[key] - meanY);
    sxx += (r.requests - meanX) ** 2;
  }
  return sxy / sxx;
}

/** Run the bench at `runSizes` under cachegrind, two at a time (one per core), in order. */
async function countAll(valgrind: ValgrindRuns, name: string, runSizes: readonly number[]): Promise<Counts[]> {
  const runs: Counts[] = [];
  for (let i = 0; i < runSizes.length; i += 2) {
    const pair = runSizes.slice(i, i + 2).map((size) => count(valgrind.children, valgrind.bundle, name, size));
    runs.push(...(await Promise.all(pair)));
  }
  return runs;
}

/** One bench's JSON line and its instructions per request, in the mode asked for. */
async function measure(valgrind: ValgrindRuns, name: string): Promise<{ line: object; instructions: number }> {
  if (!steady) {
    const { n, baseline } = sizes[name]!;
    const [a, b] = (await countAll(valgrind, name, [baseline, n])) as [Counts, Counts];
    const instructions = perRequest(a, b, "instructions");
    const line = {
      bench: name,
      mode,
      requests: b.requests,
      baselineRequests: a.requests,
      instructionsPerRequest: Math.round(instructions),
      d1MissesPerRequest: Math.round(perRequest(a, b, "d1Misses")),
      l2MissesPerRequest: Math.round(perRequest(a, b, "l2Misses")),
      stepsPerRequest: Number(perRequest(a, b, "steps").toFixed(1)),
    };
    return { line, instructions };
  }
  const runs = await countAll(valgrind, name, STEADY_FACTORS.map((f) => Math.round(f * steadyBase[name]!)));
  const instructions = slope(runs, "instructions");
  const line = {
    bench: name,
    mode,
    requests: runs.map((r) => r.requests),
    instructionsPerRequest: Math.round(instructions),
    neighbourSlopes: runs.slice(1).map((r, i) => Math.round(perRequest(runs[i]!, r, "instructions"))),
    d1MissesPerRequest: Math.round(slope(runs, "d1Misses")),
    l2MissesPerRequest: Math.round(slope(runs, "l2Misses")),
    stepsPerRequest: Number(slope(runs, "steps").toFixed(1)),
  };
  return { line, instructions };
}

if (unknownOption !== undefined) usageError(`unknown option '${unknownOption}' (the options are --short and --steady)`);
for (const name of names) {
  if (sizes[name] === undefined) usageError(`unknown benchmark '${name}'; one of: ${Object.keys(sizes).join(", ")}`);
}

const valgrind = await startValgrindRuns("bench:instructions");
const perRequestInstructions = new Map<string, number>();
for (const name of names.length > 0 ? names : defaults) {
  const { line, instructions } = await measure(valgrind, name).catch((e: unknown) =>
    valgrind.fail(e instanceof Error ? e.message : String(e)),
  );
  perRequestInstructions.set(name, instructions);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

// The output-length target in instructions: the same requests with outputs twice as long.
const single = perRequestInstructions.get("single-replica");
const doubled = perRequestInstructions.get("single-replica-outputs-x2");
if (single !== undefined && doubled !== undefined) {
  const line = { bench: "outputs-x2-over-single-replica", mode, instructionRatio: Number((doubled / single).toFixed(3)), target: 1.3 };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
