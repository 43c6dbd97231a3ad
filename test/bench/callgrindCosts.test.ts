import { describe, expect, it } from "vitest";
import { parsePerfMap, selfCosts } from "../../bench/callgrindCosts.ts";

const map = parsePerfMap(["1000 10 JS:*plan file:///tmp/a.mjs:12:3", "2000 10 JS:*advance file:///tmp/a.mjs:40:5", ""].join("\n"));

const profile = [
  "positions: instr line",
  "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw",
  "fn=(1) 0x0000000000001000",
  "0x1000 0 10 0 0 0 0 0 0 3 1",
  "+4 0 5",
  "calls=1 0x2000",
  "+4 0 1000 0 0 0 0 0 0 50",
  "+4 0 7 0 0 0 0 0 0 2",
  "fn=(2) v8::internal::Scavenger::Process",
  "0x5000 0 3",
  "fn=(1)",
  "0x2004 * 4 0 0 0 0 0 0 1",
  "0x9000 0 6",
].join("\n");

describe("callgrind self costs", () => {
  const costs = selfCosts(profile, map);

  it("names V8's code from the perf map, address by address, and drops the map's file locations", () => {
    expect(costs.get("JS:*plan")).toMatchObject({ Ir: 22, DLmr: 5, DLmw: 1 });
    expect(costs.get("JS:*advance")).toMatchObject({ Ir: 4, DLmr: 1 });
  });

  it("leaves out a call's inclusive cost but follows the address it moves to", () => {
    const all = [...costs.values()].reduce((sum, c) => sum + c.Ir, 0);
    expect(all).toBe(10 + 5 + 7 + 3 + 4 + 6);
  });

  it("keeps named functions' own names, and calls code the map does not cover unnamed", () => {
    expect(costs.get("v8::internal::Scavenger::Process")?.Ir).toBe(3);
    expect(costs.get("(unnamed code)")?.Ir).toBe(6);
  });
});
