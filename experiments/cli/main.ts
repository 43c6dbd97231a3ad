import { Command, CommanderError, InvalidArgumentError } from "commander";
import { z } from "zod";
import { PlacementError } from "../../hardware/placement.ts";
import { InputError } from "../errors.ts";
import { ScenarioSchema } from "../schema/scenario.ts";
import { INFERSIM_VERSION } from "../version.ts";
import { TraceError } from "../workload/trace.ts";
import { catalogText } from "./catalog.ts";
import { runCommand } from "./runCommand.ts";

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
    .description("Run one scenario and print a summary; with --out, write summary.json, requests.csv and timeseries.csv.")
    .argument("[scenario]", "scenario file (.json, .yaml); without it, the built-in default (4× H100, Llama-3.1-8B)")
    .option("-o, --out <dir>", "write results to this directory (whole or not at all)")
    .option("--seed <n>", "seed of every random stream (overrides the scenario's)", integerFlag)
    .option("--set <path=value>", "override a scenario field, e.g. --set workload.arrival.ratePerS=20 (repeatable)", collect, [])
    .option("-f, --force", "replace an existing output directory", false)
    .option("-q, --quiet", "print nothing on success", false)
    .action((scenario: string | undefined, flags: { out?: string; seed?: number; set: string[]; force: boolean; quiet: boolean }) => {
      runCommand(scenario, flags, print);
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

/** Exit status: 0 success, 2 invalid input, 1 internal error. */
export function main(argv: readonly string[]): number {
  const program = buildProgram();
  const debug = argv.includes("--debug");
  try {
    program.parse(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors have already been printed by commander.
      return e.exitCode === 0 ? 0 : 2;
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
