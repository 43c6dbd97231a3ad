import { z } from "zod";

export const TraceFormatSchema = z
  .enum(["azure", "csv", "jsonl"])
  .describe(
    "Trace file format: `azure` (header TIMESTAMP,ContextTokens,GeneratedTokens, as published in the Azure " +
      "LLM inference traces), `csv` (header arrival_s,prompt_tokens,output_tokens) or `jsonl` (one object per " +
      "line with arrivalS, promptTokens, outputTokens). Default: `.jsonl`/`.ndjson` is JSONL; `.csv` is Azure " +
      "when its first column is TIMESTAMP, plain CSV otherwise.",
  );

const ratePerS = z.number().positive().describe("Mean arrival rate, requests per second.");

export const PoissonArrivalSchema = z
  .strictObject({
    kind: z.literal("poisson").describe("Poisson process: exponential inter-arrival times (CV 1)."),
    ratePerS,
  })
  .describe("Open-loop Poisson arrivals; the first arrives after one inter-arrival time.");

export const GammaArrivalSchema = z
  .strictObject({
    kind: z.literal("gamma").describe("Renewal process with Gamma inter-arrival times."),
    ratePerS,
    cv: z
      .number()
      .positive()
      .describe("Coefficient of variation of the inter-arrival times (shape 1/cv²): 1 is Poisson, above 1 is bursty, below 1 smoother."),
  })
  .describe("Open-loop Gamma-renewal arrivals, for burstier (or smoother) traffic than Poisson at the same rate.");

export const DeterministicArrivalSchema = z
  .strictObject({
    kind: z.literal("deterministic").describe("Evenly spaced arrivals."),
    ratePerS,
  })
  .describe("Open-loop arrivals exactly 1/ratePerS apart: at 1/rate, 2/rate, ...");

export const DiurnalArrivalSchema = z
  .strictObject({
    kind: z.literal("diurnal").describe("Poisson arrivals whose rate follows a day: a cosine between trough and peak."),
    meanRatePerS: z.number().positive().describe("Mean arrival rate over a period, requests per second."),
    peakToTroughRatio: z.number().min(1).default(3).describe("Peak rate over trough rate (1: constant)."),
    periodS: z.number().positive().default(86_400).describe("Length of the cycle, seconds (a day by default)."),
    peakAtS: z.number().min(0).default(50_400).describe("Time of the peak within the cycle, seconds (14:00 by default)."),
  })
  .describe("A diurnal (time-varying) Poisson process, for autoscaling and energy over a day.");

export const ClosedLoopArrivalSchema = z
  .strictObject({
    kind: z.literal("closedLoop").describe("A fixed population of clients, each with one request outstanding."),
    clients: z.int().min(1).describe("Number of clients; all send their first request at time 0."),
    thinkTimeS: z
      .number()
      .nonnegative()
      .default(0)
      .describe("Seconds a client waits after its request ends (completed or rejected) before sending the next."),
  })
  .describe("Closed-loop clients, as in a benchmark with a fixed concurrency.");

export const TraceArrivalSchema = z
  .strictObject({
    kind: z.literal("trace").describe("Replay a request trace: its arrival times and, by default, its token lengths."),
    path: z.string().min(1).describe("Trace file, e.g. examples/traces/azure-conv-2023.csv."),
    format: TraceFormatSchema.optional(),
    rateScale: z
      .number()
      .positive()
      .default(1)
      .describe("Replay speed: arrival times are divided by it, so 2 replays at twice the rate."),
    skipBadRows: z
      .boolean()
      .default(false)
      .describe("Skip (and count) malformed rows instead of failing on the first one."),
  })
  .describe("Trace replay: rows in order, times relative to the first row.");

export const ArrivalSchema = z
  .discriminatedUnion("kind", [
    PoissonArrivalSchema,
    GammaArrivalSchema,
    DeterministicArrivalSchema,
    DiurnalArrivalSchema,
    ClosedLoopArrivalSchema,
    TraceArrivalSchema,
  ])
  .describe("How requests arrive.");

const tokens = (what: string) => z.int().min(1).describe(what);

export const FixedLengthSchema = z
  .strictObject({
    kind: z.literal("fixed").describe("Every request has the same length."),
    tokens: tokens("The length, tokens."),
  })
  .describe("A fixed length.");

export const UniformLengthSchema = z
  .strictObject({
    kind: z.literal("uniform").describe("Whole numbers drawn uniformly from [min, max]."),
    min: tokens("Smallest length, tokens."),
    max: tokens("Largest length, tokens (≥ min)."),
  })
  .refine((d) => d.max >= d.min, { path: ["max"], message: "max must be ≥ min" })
  .describe("A uniform length.");

export const LognormalLengthSchema = z
  .strictObject({
    kind: z.literal("lognormal").describe("Log-normal lengths, rounded to whole tokens and clipped to [min, max]."),
    median: z.number().positive().describe("Median length, tokens (e^μ)."),
    sigma: z.number().positive().describe("Standard deviation of the log of the length (σ); 1 is a wide spread."),
    min: tokens("Smallest length after clipping, tokens.").default(1),
    max: tokens("Largest length after clipping, tokens (≥ min); unbounded when absent.").optional(),
  })
  .refine((d) => d.max === undefined || d.max >= d.min, { path: ["max"], message: "max must be ≥ min" })
  .describe("A log-normal length, the usual shape of prompt and output lengths.");

export const EmpiricalLengthSchema = z
  .strictObject({
    kind: z.literal("empirical").describe("Lengths drawn uniformly from a list, or from a trace's column."),
    values: z.array(tokens("A length, tokens.")).min(1).optional().describe("The lengths to draw from (give this or path)."),
    path: z.string().min(1).optional().describe("A trace file whose lengths to draw from (give this or values)."),
    format: TraceFormatSchema.optional(),
    column: z
      .enum(["prompt", "output"])
      .optional()
      .describe("Which of the trace's lengths to draw: prompt or output tokens (required with path)."),
    skipBadRows: z
      .boolean()
      .optional()
      .describe("With path: skip (and count) malformed rows of the trace instead of failing (default false)."),
  })
  .superRefine((d, ctx) => {
    if ((d.values === undefined) === (d.path === undefined)) {
      ctx.addIssue({ code: "custom", message: "an empirical distribution needs exactly one of values or path" });
    } else if (d.path !== undefined && d.column === undefined) {
      ctx.addIssue({ code: "custom", path: ["column"], message: 'column is required with path: "prompt" or "output"' });
    } else if (d.values !== undefined) {
      for (const key of ["format", "column", "skipBadRows"] as const) {
        if (d[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `${key} applies only with path, not with values` });
      }
    }
  })
  .describe("An empirical length distribution.");

export const LengthDistributionSchema = z
  .discriminatedUnion("kind", [FixedLengthSchema, UniformLengthSchema, LognormalLengthSchema, EmpiricalLengthSchema])
  .describe("A distribution of token lengths.");

export const SloSchema = z
  .strictObject({
    ttftMs: z.number().positive().optional().describe("Time-to-first-token objective, milliseconds."),
    tpotMs: z.number().positive().optional().describe("Time-per-output-token objective, milliseconds."),
  })
  .describe("Service-level objectives of a class: a completed request meets them when its TTFT and TPOT are within them.");

export const RequestClassSchema = z
  .strictObject({
    name: z.string().min(1).describe("Class name, unique (e.g. interactive, batch); the summary reports metrics per class."),
    share: z.number().positive().describe("Relative weight: the class of each request is drawn with probability share / Σ shares."),
    promptTokens: LengthDistributionSchema.optional().describe("This class's prompt lengths; default the workload's."),
    outputTokens: LengthDistributionSchema.optional().describe("This class's output lengths; default the workload's."),
    priority: z.int().default(0).describe("Scheduling priority for the `priority` order: smaller runs first."),
    slo: SloSchema.default({}),
  })
  .describe("A class of requests.");

export const PrefixPopularitySchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("zipf").describe("Prefix i (from 0) is chosen with weight 1 / (i + 1)^exponent."),
      exponent: z.number().min(0).default(1).describe("Zipf exponent s: 0 is uniform, 1 the classic Zipf law."),
    }),
    z.strictObject({ kind: z.literal("uniform").describe("Every prefix equally likely.") }),
  ])
  .describe("How often each prefix is used.");

export const PrefixesSchema = z
  .strictObject({
    count: z.int().min(1).describe("Distinct shared prefixes (e.g. system prompts or few-shot templates)."),
    tokens: z.int().min(1).describe("Length of each prefix, tokens; it is prepended to the request's drawn prompt."),
    share: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe("Share of requests that carry a prefix."),
    popularity: PrefixPopularitySchema.default({ kind: "zipf", exponent: 1 }),
  })
  .describe("Shared prompt prefixes, for prefix caching: drawn per request from the `prefixes` stream.");

export const WorkloadSchema = z
  .strictObject({
    durationS: z
      .number()
      .positive()
      .optional()
      .describe("Seconds of traffic: open-loop arrivals stop at this time; closed-loop clients send no request after it."),
    maxRequests: z.int().min(1).optional().describe("Cap on the number of requests generated."),
    arrival: ArrivalSchema,
    promptTokens: LengthDistributionSchema.optional().describe(
      "Prompt length distribution. Required unless arrival is a trace, whose rows then give the lengths (when given with a trace, it replaces them).",
    ),
    outputTokens: LengthDistributionSchema.optional().describe(
      "Output length distribution. Required unless arrival is a trace, whose rows then give the lengths (when given with a trace, it replaces them).",
    ),
    classes: z
      .array(RequestClassSchema)
      .min(1)
      .optional()
      .describe("Request classes mixed in the traffic (drawn per request from the `requestClass` stream); default one class."),
    prefixes: PrefixesSchema.optional(),
  })
  .superRefine((w, ctx) => {
    const kind = w.arrival.kind;
    if (kind !== "trace") {
      for (const key of ["promptTokens", "outputTokens"] as const) {
        if (w[key] === undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `${key} is required with a ${kind} arrival (only a trace arrival takes lengths from its rows)`,
          });
        }
      }
      if (w.durationS === undefined && w.maxRequests === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["durationS"],
          message: `the workload never ends: a ${kind} arrival needs durationS or maxRequests`,
        });
      }
    }
    const names = new Set<string>();
    w.classes?.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: "custom", path: ["classes", i, "name"], message: `class name '${c.name}' is used twice` });
      names.add(c.name);
    });
    const formats = new Map<string, string>();
    const classLengths = (w.classes ?? []).flatMap((c) => [c.promptTokens, c.outputTokens]);
    for (const ref of [w.arrival, w.promptTokens, w.outputTokens, ...classLengths]) {
      if (ref === undefined || !("path" in ref) || ref.path === undefined || ref.format === undefined) continue;
      const seen = formats.get(ref.path);
      if (seen !== undefined && seen !== ref.format) {
        ctx.addIssue({ code: "custom", message: `trace ${ref.path} is given two formats: ${seen} and ${ref.format}` });
      }
      formats.set(ref.path, ref.format);
    }
  })
  .describe("The traffic: when requests arrive and how long their prompts and outputs are.");

export type ArrivalSpec = z.infer<typeof ArrivalSchema>;
export type OpenLoopArrivalSpec = Extract<ArrivalSpec, { kind: "poisson" | "gamma" | "deterministic" | "diurnal" }>;
export type LengthDistribution = z.infer<typeof LengthDistributionSchema>;
export type RequestClass = z.infer<typeof RequestClassSchema>;
export type Prefixes = z.infer<typeof PrefixesSchema>;
/** A validated workload, defaults applied. */
export type Workload = z.infer<typeof WorkloadSchema>;
/** A workload as written in a scenario (defaults optional). */
export type WorkloadInput = z.input<typeof WorkloadSchema>;
