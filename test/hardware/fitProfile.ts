/**
 * Re-fit the per-device factors of the `vllm-2023` profile (hardware/CALIBRATION.md). Not a test: run
 *
 *   npx tsx test/hardware/fitProfile.ts a100|h100 gemm|step
 *
 * `gemm` fits computeEfficiency, memoryEfficiency and kernelOverheadS to vidur's GEMM rows (sharpness 2);
 * `step` then fits the remaining factors to Splitwise's asserted rows, with the GEMM factors and
 * layerOverheadS held at the profile's values. Objectives, minimised by Nelder–Mead over the logarithms of
 * the factors: for `gemm` the mean squared log error (a central fit: a minimax fit would push the H100's
 * memory efficiency to an implausible 1.0 to trim one noisy row); for `step` worst + 0.5 × median absolute
 * error. Paste the rounded result into profiles.ts.
 */
import { costLayout } from "../../hardware/cost/geometry.ts";
import { resolveProfile, type EngineFactors } from "../../hardware/cost/profiles.ts";
import { createStepBreakdown } from "../../hardware/cost/roofline.ts";
import { DEVICES } from "../../hardware/devices/catalog.ts";
import { MODELS } from "../../hardware/models/catalog.ts";
import type { StepShape } from "../../sim/ports.ts";
import { linearOpRows, splitwiseRows } from "./calibrationData.ts";

type Gpu = "a100" | "h100";
const DEVICE_NAME: Record<Gpu, string> = { a100: "a100-80gb-sxm", h100: "h100-sxm" };
const EMPTY: StepShape = {
  prefillSeqs: 0,
  prefillTokens: 0,
  prefillAttentionPairs: 0,
  prefillContextTokens: 0,
  decodeSeqs: 0,
  decodeContextTokens: 0,
};

const GEMM_KEYS: (keyof EngineFactors)[] = ["computeEfficiency", "memoryEfficiency", "kernelOverheadS"];
const STEP_KEYS: (keyof EngineFactors)[] = [
  "attentionComputeEfficiency",
  "linkEfficiency",
  "collectiveLatencyS",
  "hostLayerS",
  "hostPrefillLayerS",
  "stepOverheadS",
  "seqOverheadS",
];

function relativeErrors(gpu: Gpu, stage: "gemm" | "step", factors: Partial<EngineFactors>): number[] {
  const device = DEVICES[DEVICE_NAME[gpu]]!;
  const profile = resolveProfile("vllm-2023", factors);
  if (stage === "gemm") {
    return linearOpRows()
      .filter((r) => r.gpu === gpu)
      .map((r) => {
        const model = MODELS[r.model]!;
        const b = createStepBreakdown(costLayout(device, model, r.tensorParallel, 1, "fp16", "fp16"), profile)({ ...EMPTY, decodeSeqs: r.tokens });
        return (((b.linearS + b.gemmKernelsS) / model.layers) * 1000) / r.gemmMs - 1;
      });
  }
  const errors: number[] = [];
  for (const r of splitwiseRows()) {
    if (r.gpu !== gpu || (r.tensorParallel === 2 && r.batchSize === 64)) continue;
    const breakdown = createStepBreakdown(costLayout(device, MODELS["llama-2-70b"]!, r.tensorParallel, 1, "fp16", "fp16"), profile);
    const p = r.promptTokens;
    const b = r.batchSize;
    if (!(gpu === "a100" && r.tensorParallel >= 4 && b >= 8)) {
      const step = breakdown({ ...EMPTY, prefillSeqs: b, prefillTokens: b * p, prefillAttentionPairs: (b * p * (p + 1)) / 2 });
      errors.push((step.durationS * 1000) / r.promptMs - 1);
    }
    const step = breakdown({ ...EMPTY, decodeSeqs: b, decodeContextTokens: b * (p + r.outputTokens / 2) });
    errors.push((step.durationS * 1000) / r.tokenMs - 1);
  }
  return errors;
}

function medianAndWorst(errors: number[]): [number, number] {
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  const mid = (abs.length - 1) / 2;
  return [(abs[Math.floor(mid)]! + abs[Math.ceil(mid)]!) / 2, abs[abs.length - 1]!];
}

function nelderMead(f: (x: number[]) => number, start: number[], iterations: number): number[] {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (j === i ? v + 0.3 : v)))];
  let values = simplex.map(f);
  for (let it = 0; it < iterations; it++) {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    simplex = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((sum, x) => sum + x[j]!, 0) / n);
    const worst = simplex[n]!;
    const at = (t: number): number[] => centroid.map((c, j) => c + t * (c - worst[j]!));
    const reflected = at(1);
    const fr = f(reflected);
    if (fr < values[0]!) {
      const expanded = at(2);
      const fe = f(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]!) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = at(-0.5);
      const fc = f(contracted);
      if (fc < values[n]!) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i]!.map((v, j) => simplex[0]![j]! + 0.5 * (v - simplex[0]![j]!));
          values[i] = f(simplex[i]!);
        }
      }
    }
  }
  return simplex[0]!;
}

function main(): void {
  const gpu = process.argv[2] as Gpu;
  const stage = process.argv[3] as "gemm" | "step";
  if (!(gpu in DEVICE_NAME) || (stage !== "gemm" && stage !== "step")) {
    throw new Error("usage: npx tsx test/hardware/fitProfile.ts a100|h100 gemm|step");
  }
  const keys = stage === "gemm" ? GEMM_KEYS : STEP_KEYS;
  const start = resolveProfile("vllm-2023");
  const device = DEVICES[DEVICE_NAME[gpu]]!;
  const current = { ...start, ...start.deviceOverrides[device.name] };
  const toFactors = (x: number[]): Partial<EngineFactors> =>
    Object.fromEntries(keys.map((k, i) => [k, Math.min(k.endsWith("Efficiency") ? 1 : Infinity, Math.exp(x[i]!))]));
  const objective = (x: number[]): number => {
    const errors = relativeErrors(gpu, stage, toFactors(x));
    if (stage === "gemm") return errors.reduce((sum, e) => sum + Math.log1p(e) ** 2, 0) / errors.length;
    const [median, worst] = medianAndWorst(errors);
    return worst + 0.5 * median;
  };
  let x = keys.map((k) => Math.log(Math.max(current[k], 1e-7)));
  for (let round = 0; round < 4; round++) x = nelderMead(objective, x, 1500);
  const fitted = toFactors(x);
  const [median, worst] = medianAndWorst(relativeErrors(gpu, stage, fitted));
  console.log(Object.fromEntries(Object.entries(fitted).map(([k, v]) => [k, Number(v.toPrecision(3))])));
  console.log(`median |error| ${(100 * median).toFixed(1)} %, worst ${(100 * worst).toFixed(1)} %`);
}

main();
