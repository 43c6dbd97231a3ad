import { describe, expect, it } from "vitest";
import { costLine, energyLine, si, usd } from "../../experiments/results/energyText.ts";
import { runScenario } from "../../experiments/run/runScenario.ts";

describe("the CLI's energy and cost lines", () => {
  it("writes quantities with three significant digits and an SI prefix", () => {
    expect(si(108_310, "J")).toBe("108 kJ");
    expect(si(1690, "W")).toBe("1.69 kW");
    expect(si(12_300_000, "W")).toBe("12.3 MW");
    expect(si(0.877, "J")).toBe("0.877 J");
    expect(si(190, "J")).toBe("190 J");
    expect(usd(0.10489)).toBe("$0.105");
    expect(usd(1234.4)).toBe("$1,234");
  });

  it("print energy, power, J per token, the phase split, then dollars", () => {
    const { summary } = runScenario({
      workload: {
        maxRequests: 8,
        arrival: { kind: "closedLoop", clients: 4 },
        promptTokens: { kind: "fixed", tokens: 128 },
        outputTokens: { kind: "fixed", tokens: 32 },
      },
      cluster: { pools: [{ device: "h100-sxm", model: "llama-3.1-8b" }] },
      energy: { gridGramsCo2PerKWh: 350 },
    });
    const energy = energyLine(summary.energy);
    expect(energy).toMatch(/^energy: [\d.]+ k?J \([\d.]+ Wh\) at PUE 1\.2, facility avg [\d.]+ W, peak [\d.]+ k?W; [\d.]+ J\/output token/);
    expect(energy).toMatch(/prefill \d+%, decode \d+%, idle \d+%, [\d.]+ g CO2$/);
    expect(costLine(summary.cost)).toMatch(/^cost: \$[\d.]+ \(\$[\d.]+\/h; devices .* per M output tokens, \$[\d.]+ per 1k requests$/);
  });
});
