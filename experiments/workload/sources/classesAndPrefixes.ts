import type { RequestSource } from "../../../sim/ports.ts";
import type { NewRequest } from "../../../sim/request.ts";
import type { RandomStreams } from "../../../sim/rng.ts";
import { MS_PER_S } from "../../../sim/time.ts";
import { createLengthSampler, type LengthSampler } from "../lengths/index.ts";
import type { Prefixes, Workload } from "../schema.ts";
import type { Trace } from "../trace.ts";

/** Picks an index with probability weight / Σ weights, from one uniform draw. */
function weightedPicker(weights: readonly number[]): (u: number) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (u) => {
    const x = u * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

function prefixWeights(p: Prefixes): number[] {
  const exponent = p.popularity.kind === "zipf" ? p.popularity.exponent : 0;
  return Array.from({ length: p.count }, (_, i) => 1 / (i + 1) ** exponent);
}

/**
 * Adds request classes and shared prefixes to the requests of a source. Each request draws its class from the
 * `requestClass` stream, a class's own lengths from `promptTokens/<class>` and `outputTokens/<class>`, and
 * its prefix from the `prefixes` stream (two draws per request, whether or not it gets one), so the base
 * traffic (arrivals and the workload's lengths) is the same with or without classes and prefixes. A prefix
 * is prepended: the request's prompt is the prefix plus its drawn prompt.
 */
export function withClassesAndPrefixes(
  source: RequestSource,
  workload: Workload,
  random: RandomStreams,
  traces: ReadonlyMap<string, Trace>,
): RequestSource {
  const classes = workload.classes;
  const prefixes = workload.prefixes;
  if (classes === undefined && prefixes === undefined) return source;
  const classStream = random.stream("requestClass");
  const pickClass = weightedPicker((classes ?? []).map((c) => c.share));
  const sampler = (spec: Parameters<typeof createLengthSampler>[0] | undefined, stream: string): LengthSampler | undefined =>
    spec === undefined ? undefined : createLengthSampler(spec, random.stream(stream), traces);
  const classLengths = (classes ?? []).map((c) => ({
    prompt: sampler(c.promptTokens, `promptTokens/${c.name}`),
    output: sampler(c.outputTokens, `outputTokens/${c.name}`),
  }));
  const prefixStream = random.stream("prefixes");
  const pickPrefix = prefixes === undefined ? undefined : weightedPicker(prefixWeights(prefixes));

  const decorate = (base: NewRequest): NewRequest => {
    let r: NewRequest = base;
    if (classes !== undefined) {
      const i = pickClass(classStream());
      const c = classes[i]!;
      const lengths = classLengths[i]!;
      r = {
        ...r,
        classIndex: i,
        priority: c.priority,
        promptTokens: lengths.prompt?.() ?? r.promptTokens,
        outputTokens: lengths.output?.() ?? r.outputTokens,
        ...(c.slo.ttftMs === undefined ? {} : { ttftSloS: c.slo.ttftMs / MS_PER_S }),
        ...(c.slo.tpotMs === undefined ? {} : { tpotSloS: c.slo.tpotMs / MS_PER_S }),
      };
    }
    if (prefixes !== undefined && pickPrefix !== undefined) {
      const carries = prefixStream() < prefixes.share;
      const id = pickPrefix(prefixStream());
      if (carries) r = { ...r, prefixId: id, prefixTokens: prefixes.tokens, promptTokens: r.promptTokens + prefixes.tokens };
    }
    return r;
  };

  const ended = source.onRequestEnded?.bind(source);
  return {
    next() {
      const r = source.next();
      return r === null ? null : decorate(r);
    },
    ...(ended === undefined
      ? {}
      : {
          onRequestEnded(request, nowS) {
            const r = ended(request, nowS);
            return r === null ? null : decorate(r);
          },
        }),
  };
}
