import { describe, expect, it } from "vitest";
import { energyChart, energyPhasesChart } from "../../../viz/index.ts";
import { energy, energyPhases } from "../fixtures.ts";
import { attr, tags, texts } from "../svgCheck.ts";

describe("energyChart", () => {
  it("draws one line per variant against output throughput", () => {
    const svg = energyChart(energy);
    expect(tags(svg, "path", "series").map((p) => attr(p, "data-series"))).toEqual(["fcfs", "chunked-prefill"]);
    expect(texts(svg)).toContain("Energy per output token (J)");
    expect(texts(svg)).toContain("Output throughput (tokens/s)");
  });
});

describe("energyPhasesChart", () => {
  it("stacks prefill, decode and idle with shares and the total of each run", () => {
    const svg = energyPhasesChart(energyPhases);
    const t = texts(svg);
    expect(tags(svg, "rect").filter((r) => attr(r, "data-phase") !== undefined)).toHaveLength(9);
    expect(t).toContain("14.6 MJ");
    expect(t).toContain("62%");
    for (const l of ["prefill", "decode", "idle", "Energy (J)"]) expect(t).toContain(l);
  });

  it("treats negative and non-finite parts as zero", () => {
    const svg = energyPhasesChart([{ label: "x", prefillJ: -5, decodeJ: Number.NaN, idleJ: 10 }]);
    expect(tags(svg, "rect").filter((r) => attr(r, "data-phase") !== undefined)).toHaveLength(1);
    expect(texts(svg)).toContain("10 J");
  });
});
