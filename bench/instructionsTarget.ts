// What `bench/instructions.ts` runs under cachegrind (bundled, so that no module loader runs beside it): one
// bench scenario at a given size, printing its request, step and event counts as one JSON line. Sizes are
// requests, except for cluster-hour (simulated seconds).
import { runScenario } from "../experiments/run/runScenario.ts";
import { BENCH_SCENARIOS as benches } from "./scenarios.ts";

const [name = "", sizeArg = ""] = process.argv.slice(2);
const make = benches[name];
if (make === undefined) {
  process.stderr.write(`unknown benchmark '${name}'; one of: ${Object.keys(benches).join(", ")}\n`);
  process.exit(2);
}
const { summary } = runScenario(make(Number(sizeArg)));
process.stdout.write(`${JSON.stringify({ requests: summary.requests.arrived, steps: summary.engine.steps, events: summary.run.eventsProcessed })}\n`);
