import { Command, CommanderError, InvalidArgumentError } from "commander";
import { z } from "zod";
import { PlacementError } from "../../hardware/placement.ts";
import { InputError } from "../errors.ts";
import { ScenarioSchema } from "../schema/scenario.ts";
import { INFERSIM_VERSION } from "../version.ts";
import { TraceError } from "../workload/trace.ts";
import { Interrupted } from "../parallel/runner.ts";
import { catalogText } from "./catalog.ts";
import { compareCommand } from "./compareCommand.ts";
import type { CompareFlags } from "./compareCommand.ts";
import { StoppedByUser } from "./experimentRun.ts";
import { mergeCommand } from "./mergeCommand.ts";
import type { MergeFlags } from "./mergeCommand.ts";
import { planCommand } from "./planCommand.ts";
import type { PlanFlags } from "./planCommand.ts";
import { reportCommand } from "./reportCommand.ts";
import type { ReportFlags } from "./reportCommand.ts";
import { runCommand } from "./runCommand.ts";
import { sweepCommand } from "./sweepCommand.ts";
import type { SweepFlags } from "./sweepCommand.ts";

const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

function integerFlag(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number ≥ 0");
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveIntegerFlag(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number ≥ 1");
  return n;
}

const EXPERIMENT_HELP = `
Every run of an experiment is labelled with the scenario hash, its axis values and its seed. Runs go to worker
threads (--workers, default one per core); the results are the same for any number of workers. Ctrl-C stops
cleanly: completed runs are written, marked partial (exit status 130).`;

export function buildProgram(): Command {
  const program = new Command()
    .name("infersim")
    .description(
      "Discrete-event simulator of LLM inference clusters: GPUs, LPUs and wafer-scale engines, batching,\n" +
        "PagedAttention KV cache, latency, throughput and energy.",
    )
    .version(INFERSIM_VERSION)
    .option("--debug", "print the stack of an internal error")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("run")
    .description("Run one scenario and print a summary; with --out, write summary.json, requests.csv, timeseries.csv, charts and report.html.")
    .argument("[scenario]", "scenario file (.json, .yaml); without it, the built-in default (4× H100, Llama-3.1-8B)")
    .option("-o, --out <dir>", "write results to this directory (whole or not at all)")
    .option("--seed <n>", "seed of every random stream (overrides the scenario's)", integerFlag)
    .option("--set <path=value>", "override a scenario field, e.g. --set workload.arrival.ratePerS=20 (repeatable)", collect, [])
    .option("-f, --force", "replace an existing output directory", false)
    .option("-q, --quiet", "print nothing on success", false)
    .option("--png", "also write each chart as a PNG", false)
    .option("--skip-bad-rows", "skip (and count) malformed trace rows instead of stopping at the first", false)
    .option("--stream", "write requests.csv as requests end and keep none in memory (long runs: memory stays bounded; the report samples 20,000 rows)", false)
    .option("--plain-stepping", "form every decode step with an event of its own (slower; the reference the decode fast path is tested against)", false)
    .action((scenario: string | undefined, flags: { out?: string; seed?: number; set: string[]; force: boolean; quiet: boolean; png: boolean; skipBadRows: boolean; stream: boolean; plainStepping: boolean }) => {
      runCommand(scenario, flags, print);
    });

  const experimentOptions = (cmd: Command, defaultReplications: number): Command =>
    cmd
      .option("-r, --replications <k>", `seeds per point: the scenario's seed, then the next ones (default ${defaultReplications})`, positiveIntegerFlag)
      .option("--seed <n>", "first seed (overrides the scenario's)", integerFlag)
      .option("--set <path=value>", "override a field of the base scenario (repeatable)", collect, [])
      .option("-w, --workers <n>", "worker threads (default: one per core; 1 runs in this thread)", positiveIntegerFlag)
      .option("-o, --out <dir>", "write the results, charts and report.html to this directory (whole or not at all)")
      .option("-f, --force", "replace an existing output directory", false)
      .option("-q, --quiet", "no progress bar and no summary", false)
      .option("--png", "also write each chart as a PNG", false)
      .addHelpText("after", EXPERIMENT_HELP);

  experimentOptions(
    program
      .command("sweep")
      .description("Run the cartesian product of axes × replications; a sweep of the arrival rate is the latency-versus-throughput curve.")
      .argument("[scenario]", "base scenario file (default: the built-in scenario)")
      .option("-a, --axis <path=v1,v2,...>", "an axis: a scenario path and its values (YAML each), or path=auto to find the saturation rate and space points up to it (repeatable)", collect, [])
      .option("--points <n>", "points up to the saturation rate of an auto axis (default 8)", positiveIntegerFlag)
      .option("--slo <name=ms,...>", "objectives for goodput and the chart's SLO lines, e.g. ttftP99Ms=1000,tpotP99Ms=100")
      .option("--shard <i/N>", "run only the i-th (from 0) of N disjoint slices; join the parts with `infersim merge`"),
    3,
  ).action((scenario: string | undefined, flags: SweepFlags) => sweepCommand(scenario, flags, print));

  experimentOptions(
    program
      .command("compare")
      .description("Run variants on the same traffic (common random numbers) and report paired differences with confidence intervals.")
      .argument("[scenario]", "base scenario file (default: the built-in scenario)")
      .option("--variants <files...>", "partial scenarios, each deep-merged over the base (arrays by index, null deletes); the base is the baseline", [])
      .option("-a, --axis <path=v1,v2,...>", "or: one variant per value of one path (the first value is the baseline)", collect, [])
      .option("--baseline <label>", "the variant the others are compared to (a file's name without extension, or an axis value)")
      .option("--slo <name=ms,...>", "objectives for goodput, e.g. ttftP99Ms=1000,tpotP99Ms=100"),
    5,
  ).action((scenario: string | undefined, flags: CompareFlags) => compareCommand(scenario, flags, print));

  experimentOptions(
    program
      .command("plan")
      .description("For each hardware option, find the fewest replicas meeting the SLOs at a target rate; rank the plans by cost, power and devices.")
      .argument("[scenario]", "base scenario: the workload (and a default pool)")
      .requiredOption("--target-rate <req/s>", "the arrival rate to serve")
      .option("--slo <name=ms,...>", "objectives, each met by the mean over the replications, e.g. ttftP99Ms=1000,tpotP99Ms=100")
      .option("--options <files...>", "hardware options: partial scenarios (device, TP/PP, precision, engine profile, pools) merged over the base", [])
      .option("--rate-path <path>", "the scenario path of the arrival rate", "workload.arrival.ratePerS")
      .option("--max-replicas <n>", "the most replica groups tried per option (default 256)", positiveIntegerFlag)
      .option("--max-rejected <fraction>", "largest share of requests admission may reject", "0.01")
      .option("--tolerance <fraction>", "relative precision of each option's maximum sustainable rate", "0.05"),
    3,
  ).action((scenario: string | undefined, flags: PlanFlags) => planCommand(scenario, flags, print));

  program
    .command("merge")
    .description("Join the parts of a sharded sweep (directories or sweep.json files) into the result of the whole sweep.")
    .argument("<parts...>", "the parts: output directories of `sweep --shard i/N`, or their sweep.json files")
    .requiredOption("-o, --out <dir>", "where to write the merged sweep")
    .option("-f, --force", "replace an existing output directory", false)
    .option("-q, --quiet", "print nothing on success", false)
    .option("--png", "also write each chart as a PNG", false)
    .action((parts: string[], flags: MergeFlags) => {
      mergeCommand(parts, flags, print);
    });

  program
    .command("report")
    .description("Redraw report.html and the charts of a result directory (run, sweep, compare or plan) from its saved files.")
    .argument("<dir>", "a directory written by run, sweep, compare, plan or merge with --out")
    .option("--png", "also write each chart as a PNG", false)
    .option("-q, --quiet", "print nothing on success", false)
    .action((dir: string, flags: ReportFlags) => {
      reportCommand(dir, flags, print);
    });

  program
    .command("schema")
    .description("Print the scenario schema (JSON Schema, with every field's description and default).")
    .action(() => {
      print(JSON.stringify(z.toJSONSchema(ScenarioSchema, { unrepresentable: "any", io: "input" }), null, 2));
    });

  program
    .command("catalog")
    .description("List the built-in devices or models with their key figures.")
    .argument("<kind>", "devices or models")
    .action((kind: string) => {
      if (kind !== "devices" && kind !== "models") throw new InputError(`catalog: expected 'devices' or 'models', got '${kind}'`);
      print(catalogText(kind));
    });

  return program;
}

/** Exit status: 0 success, 2 invalid input, 1 internal error, 130 stopped by Ctrl-C. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors have already been printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof StoppedByUser) {
      process.stderr.write(`infersim: ${e.message}\n`);
      return 130;
    }
    if (e instanceof Interrupted) {
      process.stderr.write("infersim: stopped before any run completed; nothing written\n");
      return 130;
    }
    if (e instanceof InputError || e instanceof TraceError || e instanceof PlacementError) {
      process.stderr.write(`infersim: ${e.message}\n`);
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`infersim: internal error: ${err.message}\n`);
    if (debug) process.stderr.write(`${err.stack ?? ""}\n`);
    else process.stderr.write("rerun with --debug for the stack, and please report it\n");
    return 1;
  }
}
