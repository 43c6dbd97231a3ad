// `npm run bench:warmup [-- name [requests]]`: where a fresh process's time goes in one bench run. It times every
// thousand requests as they end (rows streamed, so nothing is left to build at the end) and prints one JSON
// line: the first thousand (scenario checks and set-up included), the steady cost once V8 has compiled the
// simulator (the median thousand from the tenth on), and what is left over: the warm-up. Wall time, so one run
// varies by about 20% on a shared machine.
import { runScenario } from "../experiments/run/runScenario.ts";
import { BENCH_SCENARIOS } from "./scenarios.ts";

// The benches sized in requests (cluster-hour is sized in simulated seconds).
const benches = Object.fromEntries(Object.entries(BENCH_SCENARIOS).filter(([name]) => name !== "cluster-hour"));

const [name = "single-replica", sizeArg = "100000"] = process.argv.slice(2);
const make = benches[name];
const requests = Number(sizeArg);
if (make === undefined || !Number.isInteger(requests) || requests < 20_000) {
  process.stderr.write(`usage: warmup.ts [${Object.keys(benches).join(" | ")}] [requests ≥ 20000]\n`);
  process.exit(2);
}

const marksMs: number[] = [];
let ended = 0;
const t0 = performance.now();
runScenario(make(requests), {
  onRequestRow: () => {
    if (++ended % 1000 === 0) marksMs.push(performance.now());
  },
});
const wallMs = performance.now() - t0;
const thousandsMs = marksMs.map((t, k) => t - (k === 0 ? t0 : marksMs[k - 1]!));
const later = thousandsMs.slice(10).sort((a, b) => a - b);
const steadyMs = later[Math.floor(later.length / 2)]!;
const round = (ms: number): number => Number((ms / 1000).toFixed(3));
process.stdout.write(
  `${JSON.stringify({
    bench: name,
    requests: ended,
    wallS: round(wallMs),
    firstThousandsS: thousandsMs.slice(0, 10).map(round),
    steadyMicrosPerRequest: Number(steadyMs.toFixed(2)),
    steadyRequestsPerWallS: Math.round(1e6 / steadyMs),
    // What the run took beyond every request at the steady cost: set-up, compiling, and the end's summary.
    beyondSteadyS: round(wallMs - (ended / 1000) * steadyMs),
  })}\n`,
);
