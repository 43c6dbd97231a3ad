import { describe, expect, it } from "vitest";
import { bundleModules, parsePerfMap, selfCosts } from "../../bench/callgrindCosts.ts";

// A bundle of two modules, each with a `plan`, as esbuild heads them, after a helper of its own.
const bundle = ["var __defProp = Object.defineProperty;", "// sim/stepRing.ts", "class StepRing {", "  plan() {}", "}", "// sim/decodeStretch.ts", "class DecodeStretch {", "  plan() {}", "}"].join("\n");
const moduleOf = bundleModules(bundle);

const map = parsePerfMap(
  [
    "1000 10 JS:*plan file:///tmp/a/target.mjs:8:3",
    "2000 10 JS:*advance file:///tmp/a/target.mjs:1:5",
    "3000 10 JS:*plan file:///tmp/a/target.mjs:4:3",
    // Code dropped, then its space reused by other code in part.
    "4000 100 JS:*old file:///tmp/a/target.mjs:7:1",
    "4040 10 JS:*new file:///tmp/a/target.mjs:3:1",
    "",
  ].join("\n"),
  moduleOf,
);

const profile = [
  "positions: instr line",
  "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw",
  "fn=(1) 0x0000000000001000",
  "0x1000 0 10 0 0 0 0 0 0 3 1",
  "+4 0 5",
  "calls=1 0x2000",
  "* 0 1000 0 0 0 0 0 0 50",
  "+8 0 7 0 0 0 0 0 0 2",
  "fn=(2) v8::internal::Scavenger::Process",
  "0x5000 0 3",
  "fn=(3) v8::internal::Scavenger::Process'2",
  "0x5100 0 2",
  "fn=(1)",
  "0x2004 * 4 0 0 0 0 0 0 1",
  "0x3000 0 8",
  "fn=(4) 0x0000000000004000'2",
  "0x4000 0 20",
  "0x4044 0 30",
  "0x9000 0 6",
].join("\n");

describe("callgrind self costs", () => {
  const costs = selfCosts(profile, map);

  it("names V8's code from the perf map address by address, with the module each function is in", () => {
    expect(costs.get("JS:*plan (sim/decodeStretch.ts)")).toMatchObject({ Ir: 22, DLmr: 5, DLmw: 1 });
    expect(costs.get("JS:*plan (sim/stepRing.ts)")).toMatchObject({ Ir: 8 });
    // Before the bundle's first module: its line and column.
    expect(costs.get("JS:*advance :1:5")).toMatchObject({ Ir: 4, DLmr: 1 });
  });

  it("leaves out a call's inclusive cost", () => {
    const all = [...costs.values()].reduce((sum, c) => sum + c.Ir, 0);
    expect(all).toBe(10 + 5 + 7 + 3 + 2 + 4 + 8 + 20 + 30 + 6);
  });

  it("counts a recursion level with its function, named or not", () => {
    expect(costs.get("v8::internal::Scavenger::Process")?.Ir).toBe(5);
    expect(costs.get("JS:*old (sim/decodeStretch.ts)")?.Ir).toBe(20);
  });

  it("lets a later line of the map take the addresses it reuses, and calls code the map does not cover unnamed", () => {
    expect(costs.get("JS:*new (sim/stepRing.ts)")?.Ir).toBe(30);
    expect(costs.get("(unnamed code)")?.Ir).toBe(6);
  });
});
