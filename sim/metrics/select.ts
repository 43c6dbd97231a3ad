/**
 * Rearrange `a[left..right]` so that `a[k]` holds the value it would hold if that range were sorted ascending,
 * with nothing greater before it and nothing smaller after it: Hoare's FIND (quickselect), median-of-three
 * pivots, expected O(n) where a sort is O(n log n). After more partitions than a sort would need it sorts the
 * range left instead, so the worst case stays O(n log n). The values must not be NaN; −0 counts as equal to +0.
 */
export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  let partitionsLeft = 2 * Math.ceil(Math.log2(right - left + 2)) + 8;
  while (right > left) {
    if (partitionsLeft-- === 0) {
      a.subarray(left, right + 1).sort();
      return;
    }
    const mid = (left + right) >>> 1;
    // Order a[left], a[mid], a[right]; the median, at mid, is the pivot.
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[left..j] ≤ pivot ≤ a[i..right], and anything between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** The smallest of `a[from..]` (Infinity when empty). */
export function minFrom(a: Float64Array, from: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = from; i < a.length; i++) if (a[i]! < min) min = a[i]!;
  return min;
}

/**
 * The value at rank k (0-based) of the sample in which each `values[i]` is repeated `weights[i]` times, as a
 * sort of the pairs by value and a walk of their running weights would find it, but in expected O(n):
 * quickselect on the pairs (both arrays are rearranged together), carrying the weight of the part left
 * behind. `from` and `weightBefore` resume an earlier selection of a rank ≤ k: pairs before `from` weigh
 * `weightBefore` in all and hold no value greater than any at or after it. Returns the value and that resume
 * point in `into`. Weights must be whole numbers (so that sums in any order are exact) and values not NaN.
 */
export function selectWeightedInPlace(
  values: Float64Array,
  weights: Float64Array,
  k: number,
  into: { value: number; from: number; weightBefore: number },
): void {
  let left = into.from;
  let right = values.length - 1;
  let before = into.weightBefore;
  let partitionsLeft = 2 * Math.ceil(Math.log2(right - left + 2)) + 8;
  while (right > left) {
    if (partitionsLeft-- === 0) {
      sortPairs(values, weights, left, right);
      for (let i = left; i < right; i++) {
        if (k < before + weights[i]!) {
          right = i;
          break;
        }
        before += weights[i]!;
      }
      left = right;
      break;
    }
    const mid = (left + right) >>> 1;
    if (values[mid]! < values[left]!) swapPairs(values, weights, mid, left);
    if (values[right]! < values[left]!) swapPairs(values, weights, right, left);
    if (values[right]! < values[mid]!) swapPairs(values, weights, right, mid);
    const pivot = values[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swapPairs(values, weights, i, j);
        i++;
        j--;
      }
    }
    // Now values[left..j] ≤ pivot ≤ values[i..right], and anything between equals the pivot.
    let leftWeight = 0;
    for (let m = left; m <= j; m++) leftWeight += weights[m]!;
    if (k < before + leftWeight) {
      right = j;
      continue;
    }
    let pivotWeight = 0;
    for (let m = j + 1; m < i; m++) pivotWeight += weights[m]!;
    if (k < before + leftWeight + pivotWeight) {
      into.value = pivot;
      into.from = left;
      into.weightBefore = before;
      return;
    }
    before += leftWeight + pivotWeight;
    left = i;
  }
  into.value = values[left]!;
  into.from = left;
  into.weightBefore = before;
}

function swapPairs(values: Float64Array, weights: Float64Array, i: number, j: number): void {
  const v = values[i]!;
  values[i] = values[j]!;
  values[j] = v;
  const w = weights[i]!;
  weights[i] = weights[j]!;
  weights[j] = w;
}

/** Sort the pairs in `left..right` by value (the selection's fallback, when its pivots keep missing). */
function sortPairs(values: Float64Array, weights: Float64Array, left: number, right: number): void {
  const order = Array.from({ length: right - left + 1 }, (_, i) => left + i).sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
  const v = order.map((i) => values[i]!);
  const w = order.map((i) => weights[i]!);
  values.set(v, left);
  weights.set(w, left);
}
