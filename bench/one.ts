// Runs one named benchmark in this process and prints one JSON line. Used by bench/run.ts, one child process per
// benchmark so that each reports its own peak RSS.
import { runScenario } from "../experiments/run/runScenario.ts";
import type { ScenarioInput } from "../experiments/schema/scenario.ts";
import { queueFloorS } from "./queueFloor.ts";
import { clusterHour, fleet, singleReplica } from "./scenarios.ts";

const [name = "", sizeArg = "full"] = process.argv.slice(2);
const short = sizeArg === "short";

const chunked = { policy: "chunkedPrefill", tokenBudget: 8192, maxNumSeqs: 256, maxBatchedTokens: 8192 };

const benches: Record<string, () => ScenarioInput> = {
  "single-replica": () => singleReplica(short ? 2_000 : 100_000),
  "single-replica-outputs-x2": () => singleReplica(short ? 2_000 : 100_000, 2),
  "cluster-hour": () => clusterHour(short ? 10 : 3600, chunked),
  fleet: () => fleet(short ? 5_000 : 1_000_000),
};

const make = benches[name];
if (make === undefined) {
  process.stderr.write(`unknown benchmark '${name}'; one of: ${Object.keys(benches).join(", ")}\n`);
  process.exit(2);
}
const scenario = make();
const t0 = performance.now();
const { summary } = runScenario(scenario);
const wallS = (performance.now() - t0) / 1000;
const events = summary.run.eventsProcessed;
const floorS = queueFloorS(events, 64);
const line = {
  bench: name,
  mode: short ? "short" : "full",
  requests: summary.requests.arrived,
  events,
  wallS: Number(wallS.toFixed(3)),
  requestsPerWallS: Math.round(summary.requests.arrived / wallS),
  eventsPerWallS: Math.round(events / wallS),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  queueFloorS: Number(floorS.toFixed(3)),
  timePerEventOverFloor: Number((wallS / Math.max(floorS, 1e-9)).toFixed(1)),
  saturation: summary.saturation.state,
};
process.stdout.write(`${JSON.stringify(line)}\n`);
