import type { ScenarioInput } from "../schema/scenario.ts";

/**
 * The scenario `infersim run` plays with no file: four H100 replicas of Llama-3.1-8B (FP16, vLLM-2023 engine
 * profile, continuous batching) behind a round-robin router, with three minutes of Poisson traffic whose
 * lengths follow the Azure 2023 conversation trace's medians (prompt 1,020, output 129 tokens; reference §5.1).
 */
export const DEFAULT_SCENARIO: ScenarioInput = {
  name: "default: 4× H100 Llama-3.1-8B, Poisson chat traffic",
  seed: 1,
  sampleIntervalS: 1,
  workload: {
    durationS: 180,
    arrival: { kind: "poisson", ratePerS: 20 },
    promptTokens: { kind: "lognormal", median: 1020, sigma: 0.8, max: 8192 },
    outputTokens: { kind: "lognormal", median: 129, sigma: 0.9, max: 1000 },
  },
  cluster: {
    pools: [{ name: "h100", device: "h100-sxm", model: "llama-3.1-8b", replicas: 4 }],
    router: { policy: "roundRobin" },
  },
};
