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
