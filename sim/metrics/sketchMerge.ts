import type { DDSketch } from "@datadog/sketches-js";

type Store = DDSketch["store"];

/**
 * Add everything `from` holds into `into`, bucket by bucket. Not `DDSketch.merge`: its store's merge widens the
 * key range with `_extendRange(minKey, maxKey)`, which reads a `maxKey` of 0 as absent, so a sample whose top
 * bucket has key 0 (values just under 1) merged into one whose keys are all below it keeps that bucket's count
 * beyond the range it searches (sketches-js 2.1.1: the value at quantile 1 comes back 0.499 instead of 0.995).
 * Bucket counts are whole numbers, so adding them one bucket at a time gives the same buckets a correct merge
 * would.
 */
export function mergeSketch(into: DDSketch, from: DDSketch): void {
  if (from.count === 0) return;
  addBuckets(into.store, from.store);
  addBuckets(into.negativeStore, from.negativeStore);
  into.zeroCount += from.zeroCount;
  into.count += from.count;
  into.sum += from.sum;
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
}

function addBuckets(into: Store, from: Store): void {
  if (from.count === 0) return;
  for (let key = from.minKey; key <= from.maxKey; key++) {
    const count = from.bins[key - from.offset] ?? 0;
    if (count > 0) into.add(key, count);
  }
}
