import { describe, expect, it } from "vitest";
import { contiguous } from "../../policies/kv/contiguous.ts";
import { PAGED_ALLOCATION } from "../../sim/kvAllocation.ts";
import { KvBlockManager } from "../../sim/kvCache.ts";
import { KvMemory } from "../../sim/kvMemory.ts";
import { Request } from "../../sim/request.ts";
import { decodeRunOf, growingSteps } from "./decodeRuns.ts";
import { differences } from "./fastAndPlain.ts";

const sizing = { capacityTokens: 1600, maxContextTokens: 1024 };
const request = (id: number, promptTokens: number, outputTokens: number) =>
  new Request(id, 0, promptTokens, outputTokens, { arrivalS: 0, promptTokens, outputTokens });

describe("KvMemory", () => {
  it("integrates a decode run as its steps one by one would, up to rounding", () => {
    const run = decodeRunOf(1.25, growingSteps(40), 7);
    const [byRun, byStep] = [0, 1].map(() => {
      const kv = new KvBlockManager(200, 16, 0);
      const memory = new KvMemory(kv, { allocation: PAGED_ALLOCATION, prefixCaching: false, sizing });
      memory.observe(0.5);
      expect(kv.allocate(30)).toBe(true);
      memory.addTokens(333);
      return { kv, memory };
    });
    expect(byRun!.memory.decodeRun(run)).toBe(true);
    for (let j = run.first; j <= run.last; j++) {
      byStep!.memory.observe(run.startS(j));
      expect(byStep!.kv.allocate(run.blocks(j))).toBe(true);
      byStep!.memory.observe(run.endS(j));
      byStep!.memory.addTokens(7);
    }
    const integrals = ({ memory }: { memory: KvMemory }) => [memory.reservedTokenS, memory.heldTokenS, memory.wasteFraction];
    expect(differences(integrals(byRun!), integrals(byStep!), "", [], 1e-12)).toEqual([]);
    expect(byRun!.memory.heldTokens).toBe(333 + 40 * 7);
    expect(byRun!.kv.usedBlocks).toBe(30 + 14 * 2);
    expect(byRun!.kv.peakUsedBlocks).toBe(byStep!.kv.peakUsedBlocks);
    // Reserved from 0.5 s (30 blocks), then through the run as blocks are taken.
    expect(byRun!.memory.reservedTokenS).toBeGreaterThan(30 * 16 * (run.endS(run.last) - 0.5));
  });

  it("says so, and takes nothing, when a decode run needs more blocks than are free", () => {
    const kv = new KvBlockManager(10, 16, 0);
    const memory = new KvMemory(kv, { allocation: PAGED_ALLOCATION, prefixCaching: false, sizing });
    expect(memory.decodeRun(decodeRunOf(0, growingSteps(40), 1))).toBe(false);
    expect(kv.usedBlocks).toBe(0);
    expect(memory.heldTokens).toBe(0);
    expect([memory.reservedTokenS, memory.heldTokenS]).toEqual([0, 0]);
  });

  it("reserves a paged sequence's prompt at admission and grows it a block at a time", () => {
    const memory = new KvMemory(new KvBlockManager(100, 16, 0), { allocation: PAGED_ALLOCATION, prefixCaching: false, sizing });
    const r = request(0, 40, 100);
    expect(memory.admit(r)).toBe(true);
    expect(r.kvBlocks).toBe(3);
    r.contextTokens = 48;
    expect(memory.extraBlocksFor(r, 48)).toBe(0);
    expect(memory.extraBlocksFor(r, 49)).toBe(1);
  });

  it("reserves a contiguous sequence's whole maximum length at admission, and measures the unused share", () => {
    const kv = new KvBlockManager(100, 16, 0);
    const memory = new KvMemory(kv, { allocation: contiguous({}), prefixCaching: true, sizing });
    expect(memory.prefix).toBeUndefined(); // contiguous regions cannot share blocks
    const r = request(0, 40, 100);
    memory.observe(0);
    expect(memory.admit(r)).toBe(true);
    expect(r.kvBlocks).toBe(64); // 1,024 tokens: the context window
    expect(memory.extraBlocksFor(r, 500)).toBe(0);
    r.contextTokens = 256;
    memory.addTokens(256);
    memory.observe(10);
    expect(memory.wasteFraction).toBeCloseTo(1 - 256 / 1024, 12);
    // A reservation is capped at the cache (less its watermark).
    expect(contiguous({ reserveTokens: 5000 }).reservedTokens(r, 10, sizing)).toBe(1600);
  });

  it("swaps a sequence's blocks to host memory and back, within the host's capacity, charging the copies once", () => {
    const kv = new KvBlockManager(100, 16, 0);
    const memory = new KvMemory(kv, {
      allocation: PAGED_ALLOCATION,
      prefixCaching: false,
      swap: { capacityBlocks: 5, secondsPerBlock: 0.001 },
      sizing,
    });
    const a = request(0, 64, 10);
    const b = request(1, 96, 10);
    memory.admit(a);
    memory.admit(b);
    expect(memory.swapOut(a)).toBe(true);
    expect(kv.usedBlocks).toBe(6);
    expect(memory.swapOut(b)).toBe(false); // 4 + 6 > 5 host blocks
    expect(memory.takeSwapSeconds()).toBeCloseTo(0.004, 12);
    expect(memory.takeSwapSeconds()).toBe(0);
    expect(memory.admit(a)).toBe(true);
    expect({ kvBlocks: a.kvBlocks, swapped: a.swappedBlocks, host: memory.hostUsedBlocks }).toEqual({ kvBlocks: 4, swapped: 0, host: 0 });
    expect(memory.takeSwapSeconds()).toBeCloseTo(0.004, 12);
  });
});
