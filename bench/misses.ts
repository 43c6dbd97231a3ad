// `npm run bench:misses [-- name [requests]] [-- --short] [-- --top N]`: where a bench's cache misses and
// instructions fall, function by function, V8's generated code included. It runs the bench scenario (default
// `fleet`, 100,000 requests) and a fifth of it under valgrind's callgrind with cache simulation (first level
// 32 KiB, second 1 MiB, as `bench:instructions`), with node's `--perf-basic-prof` map naming V8's code (and the
// bundle's module comments naming each function's source file), and prints a summary line, then one JSON line
// for each of the N functions (default 25) with the most second-level data misses: the differences between
// the two runs per extra request, so start-up and most of the warm-up cancel out. `bench:instructions` says
// how many misses; this says where. Needs valgrind (Debian: apt-get install valgrind). `--short` (CI) runs
// 2,000 and 400 requests.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { bundleModules, parsePerfMap, selfCosts } from "./callgrindCosts.ts";
import type { Costs } from "./callgrindCosts.ts";
import { BENCH_SCENARIOS } from "./scenarios.ts";
import { runValgrind, startValgrindRuns } from "./valgrindRuns.ts";
import type { ValgrindRuns } from "./valgrindRuns.ts";

const args = process.argv.slice(2);
const short = args.includes("--short");
const topAt = args.indexOf("--top");
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const unknownOption = args.find((a) => a.startsWith("--") && a !== "--short" && a !== "--top");
const positional = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--top");
const [name = "fleet", sizeArg = short ? "2000" : "100000"] = positional;
const requests = Number(sizeArg);

/** A mistake in the command line, before anything runs. */
function usageError(message: string): never {
  process.stderr.write(`bench:misses: ${message}\n`);
  process.exit(2);
}

interface Profile {
  readonly requests: number;
  readonly costs: Map<string, Costs>;
}

/** One run of the bundle under callgrind; its self costs by function. */
function profile(valgrind: ValgrindRuns, size: number, moduleOf: (line: number) => string | undefined): Promise<Profile> {
  const { dir, bundle, children } = valgrind;
  const out = join(dir, `callgrind.${size}`);
  const argv = [
    "--tool=callgrind",
    "--dump-instr=yes",
    "--cache-sim=yes",
    "--D1=32768,8,64",
    "--LL=1048576,16,64",
    "--smc-check=all-non-file",
    `--callgrind-out-file=${out}`,
    process.execPath,
    "--predictable",
    "--perf-basic-prof",
    bundle,
    name,
    String(size),
  ];
  // Valgrind runs node in its own process: V8 writes the map under that process's id.
  let map = "";
  const started = (pid: number): void => {
    map = `/tmp/perf-${pid}.map`;
    valgrind.strayFiles.add(map);
  };
  // In the work folder: node writes an isolate log there too (`--perf-basic-prof`), removed with it.
  return runValgrind(children, argv, { cwd: dir, started }).then(
    ({ code, signal, stdout, stderr }) => {
      try {
        if (code !== 0) throw new Error(`${signal === null ? `exit ${code}` : `killed by ${signal}`}:\n${stderr.slice(-2000)}`);
        const run = JSON.parse(stdout) as { requests: number };
        const costs = selfCosts(readFileSync(out, "utf8"), parsePerfMap(readFileSync(map, "utf8"), moduleOf));
        rmSync(map, { force: true });
        valgrind.strayFiles.delete(map);
        return { requests: run.requests, costs };
      } catch (e) {
        throw new Error(`${name} at ${size} failed under callgrind: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    },
    (e: unknown) => {
      throw new Error(`${name} at ${size}: valgrind did not start: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    },
  );
}

if (unknownOption !== undefined) usageError(`unknown option '${unknownOption}' (the options are --short and --top N)`);
if (positional.length > 2) usageError(`at most a bench name and a number of requests, not '${positional.join(" ")}'`);
if (BENCH_SCENARIOS[name] === undefined || name === "cluster-hour") {
  usageError(`unknown benchmark '${name}'; one of: ${Object.keys(BENCH_SCENARIOS).filter((n) => n !== "cluster-hour").join(", ")}`);
}
if (!Number.isInteger(requests) || requests < 500) usageError(`requests must be a whole number of at least 500, not '${sizeArg}'`);
if (!Number.isInteger(top) || top < 1) usageError(`--top must be a whole number of at least 1`);

const valgrind = await startValgrindRuns("bench:misses");
const moduleOf = bundleModules(readFileSync(valgrind.bundle, "utf8"));
const sizes = [Math.round(requests / 5), requests];
const [small, large] = (await Promise.all(sizes.map((size) => profile(valgrind, size, moduleOf))).catch(
  (e: unknown) => valgrind.fail(e instanceof Error ? e.message : String(e)),
)) as [Profile, Profile];
const extra = large.requests - small.requests;
const per = (f: string, key: keyof Costs): number => ((large.costs.get(f)?.[key] ?? 0) - (small.costs.get(f)?.[key] ?? 0)) / extra;
const rows = [...new Set([...large.costs.keys(), ...small.costs.keys()])].map((f) => ({
  function: f,
  l2MissesPerRequest: per(f, "DLmr") + per(f, "DLmw"),
  d1MissesPerRequest: per(f, "D1mr") + per(f, "D1mw"),
  instructionsPerRequest: per(f, "Ir"),
}));
const total = (key: "l2MissesPerRequest" | "d1MissesPerRequest" | "instructionsPerRequest"): number =>
  rows.reduce((sum, r) => sum + r[key], 0);
const round = (x: number): number => Number(x.toFixed(1));
process.stdout.write(
  `${JSON.stringify({
    bench: name,
    mode: short ? "short" : "full",
    requests: [small.requests, large.requests],
    l2MissesPerRequest: round(total("l2MissesPerRequest")),
    d1MissesPerRequest: round(total("d1MissesPerRequest")),
    instructionsPerRequest: Math.round(total("instructionsPerRequest")),
  })}\n`,
);
rows.sort((a, b) => b.l2MissesPerRequest - a.l2MissesPerRequest);
for (const r of rows.slice(0, top)) {
  const line = {
    function: r.function,
    l2MissesPerRequest: round(r.l2MissesPerRequest),
    d1MissesPerRequest: round(r.d1MissesPerRequest),
    instructionsPerRequest: Math.round(r.instructionsPerRequest),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
