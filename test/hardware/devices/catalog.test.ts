import { describe, expect, it } from "vitest";
import { DEVICE_NAMES, DEVICES } from "../../../hardware/devices/catalog.ts";
import { isSramOnly, nodeOverheadW, supportedPrecisions, type DeviceSpec } from "../../../hardware/devices/types.ts";
import { GB, MiB, TB, TERA } from "../../../hardware/units.ts";

function device(name: string): DeviceSpec {
  return DEVICES[name]!;
}

const FIGURES = ["peakFlopsPerS", "memoryBytes", "memoryBandwidthBytesPerS", "scaleUp", "scaleOut", "hostLink", "power", "node"];

describe("the device catalog", () => {
  it("holds the eleven devices of the brief, keyed by their own names", () => {
    expect(DEVICE_NAMES).toEqual([
      "a100-80gb-sxm",
      "h100-sxm",
      "h200-sxm",
      "b200",
      "mi300x",
      "l40s",
      "rtx-4090",
      "tpu-v5e",
      "gaudi3",
      "groq-lpu",
      "cerebras-wse3",
    ]);
    for (const name of DEVICE_NAMES) expect(device(name).name).toBe(name);
  });

  it("cites a source for every figure of every device", () => {
    for (const name of DEVICE_NAMES) {
      const d = device(name);
      for (const figure of FIGURES) expect(d.source[figure], `${name}.${figure}`).toMatch(/\S{3,}/);
      if (d.dataflow !== undefined) expect(d.source.dataflow, `${name}.dataflow`).toMatch(/\S{3,}/);
    }
  });

  it("uses dense peaks: the H100 does 989.4 TF BF16 and 1,979 TF FP8, not the sparse 1,979 / 3,958", () => {
    expect(device("h100-sxm").peakFlopsPerS.bf16).toBe(989.4 * TERA);
    expect(device("h100-sxm").peakFlopsPerS.fp8).toBe(1979 * TERA);
    expect(device("l40s").peakFlopsPerS.fp8).toBe(733 * TERA);
  });

  it("keeps physically ordered power states on every device", () => {
    for (const name of DEVICE_NAMES) {
      const p = device(name).power;
      expect(p.idleW).toBeLessThan(p.memoryBoundW);
      expect(p.memoryBoundW).toBeLessThanOrEqual(p.computeBoundW);
      expect(p.computeBoundW).toBeLessThanOrEqual(p.maxW);
    }
  });

  it("derives host power per node as server maximum minus the accelerators' TDP", () => {
    expect(nodeOverheadW(device("h100-sxm"))).toBe(10200 - 8 * 700);
    expect(nodeOverheadW(device("a100-80gb-sxm"))).toBe(6500 - 8 * 400);
    expect(nodeOverheadW(device("cerebras-wse3"))).toBe(0);
  });

  it("marks the LPU and the wafer as SRAM-only, with their published capacities and bandwidths", () => {
    expect(isSramOnly(device("groq-lpu"))).toBe(true);
    expect(device("groq-lpu").memoryBytes).toBe(220 * MiB);
    expect(device("groq-lpu").memoryBandwidthBytesPerS).toBe(80 * TB);
    expect(isSramOnly(device("cerebras-wse3"))).toBe(true);
    expect(device("cerebras-wse3").memoryBytes).toBe(44 * GB);
    expect(isSramOnly(device("h100-sxm"))).toBe(false);
  });

  it("lists only the precisions each device computes natively", () => {
    expect(supportedPrecisions(device("a100-80gb-sxm"))).toEqual(["fp16", "bf16", "int8", "int4"]);
    expect(supportedPrecisions(device("h100-sxm"))).toEqual(["fp16", "bf16", "fp8", "int8"]);
    expect(supportedPrecisions(device("b200"))).toContain("fp4");
    expect(supportedPrecisions(device("tpu-v5e"))).toEqual(["bf16", "int8"]);
  });
});
