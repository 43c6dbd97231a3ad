import { describe, expect, it } from "vitest";
import { runScenario } from "../../experiments/run/runScenario.ts";
import { InputError } from "../../experiments/errors.ts";
import { DEVICES } from "../../hardware/devices/catalog.ts";
import { MODELS } from "../../hardware/models/catalog.ts";
import { place } from "../../hardware/placement.ts";

const workload = {
  maxRequests: 10,
  arrival: { kind: "closedLoop", clients: 1 },
  promptTokens: { kind: "fixed", tokens: 200 },
  outputTokens: { kind: "fixed", tokens: 100 },
} as const;
const target = { model: "llama-3.1-70b", tensorParallel: 4 } as const;

describe("a speculative pool with a draft model", () => {
  it("gives the draft's weights from the KV cache and prices its k draft steps with the roofline", () => {
    const plain = runScenario({ seed: 1, sampleIntervalS: 0, workload, cluster: { pools: [target] } }).summary;
    const speculative = runScenario({
      seed: 1,
      sampleIntervalS: 0,
      workload,
      cluster: { pools: [{ ...target, speculative: { k: 4, acceptanceRate: 0.7, draftModel: "llama-3.1-8b" } }] },
    }).summary;
    const placement = place({
      device: DEVICES["h100-sxm"]!,
      model: MODELS["llama-3.1-8b"]!,
      tensorParallel: 4,
      pipelineParallel: 1,
      weightPrecision: "fp16",
      kvPrecision: "fp16",
      memoryUtilization: 0.9,
      kvBlockSizeTokens: 16,
    });
    const targetBytesPerBlock = 16 * place({ ...placement.input, model: MODELS["llama-3.1-70b"]! }).kvBytesPerTokenPerDevice;
    const draftBlocks = Math.ceil(placement.weightBytesPerDevice / targetBytesPerBlock);
    expect(plain.pools[0]!.kvCapacityBlocksPerReplica - speculative.pools[0]!.kvCapacityBlocksPerReplica).toBe(draftBlocks);
    expect(speculative.engine.speculative.draftS).toBeGreaterThan(0);
    expect(speculative.engine.steps).toBeLessThan(plain.engine.steps);
    expect(speculative.requests.completed).toBe(10);
  });

  it("rejects an unknown draft model as an input error naming the field", () => {
    const run = () =>
      runScenario({ workload, cluster: { pools: [{ ...target, speculative: { k: 2, acceptanceRate: 0.5, draftModel: "nope" } }] } });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/cluster\.pools\[0\]\.speculative\.draftModel: unknown model 'nope'/);
  });
});
