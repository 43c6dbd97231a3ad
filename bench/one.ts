// Runs one named benchmark in this process and prints one JSON line. Used by bench/run.ts, one child process per
// benchmark so that each reports its own peak RSS.
import { NO_RESOURCES } from "../experiments/assemble.ts";
import { createRunner, defaultWorkers } from "../experiments/parallel/createRunner.ts";
import { runScenario } from "../experiments/run/runScenario.ts";
import type { ScenarioInput } from "../experiments/schema/scenario.ts";
import { parseAxes } from "../experiments/sweep/axis.ts";
import { runSweep } from "../experiments/sweep/runSweep.ts";
import { queueFloorS } from "./queueFloor.ts";
import { BENCH_SCENARIOS, singleReplica } from "./scenarios.ts";

const [name = "", sizeArg = "full"] = process.argv.slice(2);
const short = sizeArg === "short";

/** Each bench at its size: full, or short (CI). */
const sizes: Record<string, readonly [full: number, short: number]> = {
  "single-replica": [100_000, 2_000],
  "single-replica-outputs-x2": [100_000, 2_000],
  "cluster-hour": [3600, 10],
  fleet: [1_000_000, 5_000],
};
const benches: Record<string, () => ScenarioInput> = Object.fromEntries(
  Object.entries(BENCH_SCENARIOS).map(([bench, make]) => [bench, () => make(sizes[bench]![short ? 1 : 0])]),
);

function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** One scenario run, with the event loop's floor. */
function scenarioBench(scenario: ScenarioInput): Record<string, unknown> {
  const t0 = performance.now();
  const result = runScenario(scenario);
  const wallS = (performance.now() - t0) / 1000;
  const summary = result.summary;
  const rssMB = peakRssMB();
  // The per-request rows (what requests.csv holds) are built when first read: timed apart from the run.
  const t1 = performance.now();
  const rows = result.requests.length;
  const rowsWallS = (performance.now() - t1) / 1000;
  const events = summary.run.eventsProcessed;
  const steps = summary.engine.steps;
  const floorS = queueFloorS(events, 64);
  return {
    requests: summary.requests.arrived,
    events,
    // Steps simulated (most of them without an event of their own, in decode stretches): the work a request
    // brings grows with them, and they grow as batches shrink (a lightly loaded replica runs more per request).
    steps,
    stepsPerRequest: Number((steps / Math.max(1, summary.requests.arrived)).toFixed(1)),
    wallS: Number(wallS.toFixed(3)),
    requestsPerWallS: Math.round(summary.requests.arrived / wallS),
    eventsPerWallS: Math.round(events / wallS),
    peakRssMB: rssMB,
    rows,
    rowsWallS: Number(rowsWallS.toFixed(3)),
    queueFloorS: Number(floorS.toFixed(3)),
    timePerEventOverFloor: Number((wallS / Math.max(floorS, 1e-9)).toFixed(1)),
    saturation: summary.saturation.state,
  };
}

/**
 * `sweep`: a 20-point rate sweep of `single-replica` (0.4 to 8 req/s, its capacity being about 8.2) × 3
 * replications at 20,000 requests each, on the default worker count (one per core).
 */
async function sweepBench(): Promise<Record<string, unknown>> {
  const requests = short ? 500 : 20_000;
  const points = short ? 4 : 20;
  const rates = Array.from({ length: points }, (_, k) => Number((((k + 1) * 8) / points).toFixed(2)));
  const workers = defaultWorkers();
  const runner = createRunner(workers, NO_RESOURCES);
  const t0 = performance.now();
  try {
    const { file } = await runSweep(
      {
        scenario: singleReplica(requests),
        axes: parseAxes([`workload.arrival.ratePerS=${rates.join(",")}`]),
        replications: 3,
        seed: 1,
        autoPoints: 8,
        slo: null,
      },
      runner,
      null,
    );
    const wallS = (performance.now() - t0) / 1000;
    const simulated = file.runs.reduce((n, r) => n + r.metrics.requests.arrived, 0);
    return {
      runs: file.runs.length,
      workers,
      requests: simulated,
      wallS: Number(wallS.toFixed(3)),
      requestsPerWallS: Math.round(simulated / wallS),
      peakRssMB: peakRssMB(),
    };
  } finally {
    await runner.close();
  }
}

const make = benches[name];
if (make === undefined && name !== "sweep") {
  process.stderr.write(`unknown benchmark '${name}'; one of: ${[...Object.keys(benches), "sweep"].join(", ")}\n`);
  process.exit(2);
}
const result = make === undefined ? await sweepBench() : scenarioBench(make());
process.stdout.write(`${JSON.stringify({ bench: name, mode: short ? "short" : "full", ...result })}\n`);
