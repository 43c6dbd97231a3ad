import { describe, expect, it } from "vitest";
import { KvBlockManager } from "../../sim/kvCache.ts";
import { PrefixCache } from "../../sim/prefixCache.ts";
import { Request } from "../../sim/request.ts";

let nextId = 0;
function request(promptTokens: number, prefixId: number, prefixTokens: number): Request {
  const id = nextId++;
  return new Request(id, 0, promptTokens, 10, { arrivalS: 0, promptTokens, outputTokens: 10, prefixId, prefixTokens });
}

/** Admit `r` as the KV memory does: pin its prefix, then take its own blocks. */
function admit(kv: KvBlockManager, cache: PrefixCache, r: Request): void {
  const shared = cache.acquire(r);
  r.kvBlocks = kv.blocksFor(r.prefillTargetTokens) - shared;
  expect(kv.allocate(r.kvBlocks)).toBe(true);
  cache.countLookup(r);
  r.contextTokens = r.sharedTokens;
}

describe("PrefixCache", () => {
  it("lets the first request compute a prefix, then shares its full blocks with later ones", () => {
    const kv = new KvBlockManager(100, 16, 0);
    const cache = new PrefixCache(kv);
    const first = request(100, 7, 40); // 40-token prefix: 2 full blocks
    admit(kv, cache, first);
    expect(first.sharedTokens).toBe(0);
    expect(kv.usedBlocks).toBe(7);
    first.contextTokens = 100; // its prefill ran
    expect(cache.afterPrefill(first)).toBe(2);
    expect(first.kvBlocks).toBe(5);
    expect(first.sharedTokens).toBe(32);

    const second = request(60, 7, 40);
    admit(kv, cache, second);
    expect(second.sharedTokens).toBe(32);
    expect(second.contextTokens).toBe(32);
    expect(second.kvBlocks).toBe(2); // ceil(60 / 16) − 2 shared
    expect(kv.usedBlocks).toBe(9);
    expect({ lookups: cache.lookups, hits: cache.hits, hitTokens: cache.hitTokens }).toEqual({ lookups: 2, hits: 1, hitTokens: 32 });
  });

  it("keeps an unreferenced prefix cached until its blocks are needed, then evicts the least recently used", () => {
    const kv = new KvBlockManager(10, 16, 0);
    const cache = new PrefixCache(kv);
    for (const id of [1, 2]) {
      const r = request(32, id, 32);
      admit(kv, cache, r);
      r.contextTokens = 32;
      cache.afterPrefill(r);
      kv.release(r.kvBlocks);
      cache.release(r);
    }
    expect(kv.usedBlocks).toBe(4);
    expect(cache.reclaimableBlocks).toBe(4);
    expect(kv.canAdmit(10)).toBe(true);
    // Needing 8 blocks with 6 free evicts one prefix: the least recently used (id 1).
    expect(kv.allocate(8)).toBe(true);
    expect(cache.evictions).toBe(1);
    expect(cache.sharedBlocksFor(request(64, 1, 32))).toBe(0);
    expect(cache.sharedBlocksFor(request(64, 2, 32))).toBe(2);
  });

  it("never evicts a referenced prefix, and always leaves one prompt token to compute", () => {
    const kv = new KvBlockManager(6, 16, 0);
    const cache = new PrefixCache(kv);
    const owner = request(64, 3, 64);
    admit(kv, cache, owner);
    owner.contextTokens = 64;
    cache.afterPrefill(owner);
    expect(kv.allocate(3)).toBe(false); // 2 free; the 4 cached blocks are referenced
    expect(cache.evictions).toBe(0);
    // A prompt that is exactly the prefix shares all but its last block.
    expect(cache.sharedBlocksFor(request(64, 3, 64))).toBe(3);
  });

  it("forgets a prefix whose producer leaves before computing it, so another request can produce it", () => {
    const kv = new KvBlockManager(20, 16, 0);
    const cache = new PrefixCache(kv);
    const producer = request(100, 9, 48);
    admit(kv, cache, producer);
    const waiting = request(100, 9, 48);
    expect(cache.sharedBlocksFor(waiting)).toBe(0); // not computed yet: a miss
    kv.release(producer.kvBlocks);
    cache.release(producer);
    const next = request(100, 9, 48);
    admit(kv, cache, next);
    next.contextTokens = 100;
    expect(cache.afterPrefill(next)).toBe(3);
  });
});
