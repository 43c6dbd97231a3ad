import { describe, expect, it } from "vitest";
import { KvBlockManager } from "../../sim/kvCache.ts";

describe("KvBlockManager", () => {
  it("rounds tokens up to whole blocks", () => {
    const kv = new KvBlockManager(100, 16, 0);
    expect(kv.blocksFor(1)).toBe(1);
    expect(kv.blocksFor(16)).toBe(1);
    expect(kv.blocksFor(17)).toBe(2);
  });

  it("allocates only what is free and tracks the peak", () => {
    const kv = new KvBlockManager(10, 16, 0);
    expect(kv.allocate(7)).toBe(true);
    expect(kv.allocate(4)).toBe(false);
    expect(kv.usedBlocks).toBe(7);
    kv.release(5);
    expect(kv.freeBlocks).toBe(8);
    expect(kv.peakUsedBlocks).toBe(7);
  });

  it("keeps the watermark free when admitting new sequences", () => {
    const kv = new KvBlockManager(10, 16, 2);
    expect(kv.canAdmit(8)).toBe(true);
    expect(kv.canAdmit(9)).toBe(false);
  });

  it("refuses to release more than is in use", () => {
    const kv = new KvBlockManager(10, 16, 0);
    kv.allocate(2);
    expect(() => {
      kv.release(3);
    }).toThrow(/releasing 3/);
  });
});
