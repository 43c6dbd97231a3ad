// `npm run bench:instructions [-- --short] [-- name ...]`: instructions and cache misses per simulated request,
// counted by valgrind's cachegrind, for the bench scenarios. Unlike wall time (±20% from run to run on a shared
// machine), the counts repeat to about 0.2%, so a change worth 1% shows. Each bench runs at two sizes, n and 2n
// requests, at the same time (one per core); the per-request figures are the differences divided by the extra
// requests, so start-up, compilation and warm-up cancel out. Needs valgrind (Debian: apt-get install valgrind).
//
// Counts are of instructions, not time: a cache miss costs tens to hundreds of instructions' time, so the misses
// are reported beside them, for a first level of 32 KiB and a second of 1 MiB (this machine's L1d and L2 per
// core). Run under V8's --single-threaded so compilation and garbage collection happen in the counted thread at
// the same points every time.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

const args = process.argv.slice(2);
const short = args.includes("--short");
const names = args.filter((a) => !a.startsWith("--"));
/** n of each bench (requests; simulated seconds for cluster-hour): big enough that the n → 2n difference is steady. */
const sizes: Record<string, number> = short
  ? { "single-replica": 200, "single-replica-outputs-x2": 200, "cluster-hour": 1, fleet: 200 }
  : { "single-replica": 20_000, "single-replica-outputs-x2": 20_000, "cluster-hour": 60, fleet: 20_000 };
// Short mode (CI) only checks that the tool still works: its figures are mostly warm-up.
const defaults = short ? ["single-replica", "single-replica-outputs-x2"] : ["single-replica", "single-replica-outputs-x2", "fleet"];

interface Counts {
  readonly requests: number;
  readonly steps: number;
  readonly instructions: number;
  readonly d1Misses: number;
  readonly l2Misses: number;
}

function fail(message: string): never {
  process.stderr.write(`bench:instructions: ${message}\n`);
  process.exit(2);
}

/** One run of the bundle under cachegrind. */
function count(bundle: string, name: string, size: number): Promise<Counts> {
  const argv = [
    "--tool=cachegrind",
    "--cache-sim=yes",
    "--D1=32768,8,64",
    "--LL=1048576,16,64",
    "--smc-check=all-non-file",
    "--cachegrind-out-file=/dev/null",
    process.execPath,
    "--single-threaded",
    bundle,
    name,
    String(size),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", argv, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => {
      const read = (label: RegExp): number => Number(label.exec(err)?.[1]?.replaceAll(",", "") ?? Number.NaN);
      const run = code === 0 ? (JSON.parse(out) as { requests: number; steps: number }) : undefined;
      const counts = {
        requests: run?.requests ?? Number.NaN,
        steps: run?.steps ?? Number.NaN,
        instructions: read(/I\s+refs:\s+([\d,]+)/),
        d1Misses: read(/D1\s+misses:\s+([\d,]+)/),
        l2Misses: read(/LLd\s+misses:\s+([\d,]+)/),
      };
      if (code !== 0 || Object.values(counts).some(Number.isNaN)) {
        reject(new Error(`${name} at ${size} failed under valgrind (exit ${code}):\n${err.slice(-2000)}`));
      } else resolve(counts);
    });
  });
}

const perRequest = (a: Counts, b: Counts, key: keyof Counts): number => (b[key] - a[key]) / (b.requests - a.requests);

if (spawnSync("valgrind", ["--version"]).status !== 0) fail("valgrind is not installed (Debian: apt-get install valgrind)");
for (const name of names) if (sizes[name] === undefined) fail(`unknown benchmark '${name}'; one of: ${Object.keys(sizes).join(", ")}`);

const dir = mkdtempSync(join(tmpdir(), "infersim-instructions-"));
const bundle = join(dir, "target.mjs");
const perRequestInstructions = new Map<string, number>();
try {
  await build({
    entryPoints: [join(import.meta.dirname, "instructionsTarget.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: bundle,
    logLevel: "error",
    // Optional dependencies of the report's PNG path, never loaded by a run.
    external: ["protobufjs", "protobufjs/minimal"],
  });
  for (const name of names.length > 0 ? names : defaults) {
    const n = sizes[name]!;
    const [a, b] = await Promise.all([count(bundle, name, n), count(bundle, name, 2 * n)]);
    const instructions = perRequest(a, b, "instructions");
    perRequestInstructions.set(name, instructions);
    const line = {
      bench: name,
      mode: short ? "short" : "full",
      requests: [a.requests, b.requests],
      instructionsPerRequest: Math.round(instructions),
      d1MissesPerRequest: Math.round(perRequest(a, b, "d1Misses")),
      l2MissesPerRequest: Math.round(perRequest(a, b, "l2Misses")),
      stepsPerRequest: Number(perRequest(a, b, "steps").toFixed(1)),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The output-length target in instructions: the same requests with outputs twice as long.
const single = perRequestInstructions.get("single-replica");
const doubled = perRequestInstructions.get("single-replica-outputs-x2");
if (single !== undefined && doubled !== undefined) {
  const line = { bench: "outputs-x2-over-single-replica", mode: short ? "short" : "full", instructionRatio: Number((doubled / single).toFixed(3)), target: 1.3 };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
