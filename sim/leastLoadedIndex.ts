/**
 * The least-loaded replica of a fixed list of candidates, kept up to date as loads change: a tournament tree
 * over the list's positions whose every node holds the position of the smallest load below it (the earliest
 * position on ties). A change costs O(log n) and a query O(1), where a scan costs O(n) per query: it matters for
 * least-outstanding routing over hundreds of replicas, which queries at every arrival. The answer is exactly
 * the scan's (`leastLoaded` in policies/routing): the smallest load, ties to the earliest in the list. The
 * simulation's keyed lane uses it with event times for loads (its earliest step end, ties to the lowest replica).
 */
export class LeastLoadedIndex {
  /** Leaves start here (a power of two ≥ the list's length). */
  private readonly leaves: number;
  /** Per node (1 is the root, node k's children are 2k and 2k + 1): the position of its least load, or -1. */
  private readonly winner: Int32Array;
  private readonly loads: Float64Array;
  /** Position of each replica in the list (by cluster-wide index), or -1. */
  private readonly positionOf: Int32Array;

  constructor(
    readonly candidates: readonly number[],
    replicaCount: number,
    load: (replica: number) => number,
  ) {
    let leaves = 1;
    while (leaves < candidates.length) leaves *= 2;
    this.leaves = leaves;
    this.winner = new Int32Array(2 * leaves).fill(-1);
    this.loads = new Float64Array(candidates.length);
    this.positionOf = new Int32Array(replicaCount).fill(-1);
    candidates.forEach((replica, position) => {
      this.positionOf[replica] = position;
      this.loads[position] = load(replica);
      this.winner[leaves + position] = position;
    });
    for (let node = leaves - 1; node >= 1; node--) this.winner[node] = this.better(2 * node, 2 * node + 1);
  }

  /** The candidate with the smallest load (the earliest in the list on ties). */
  best(): number {
    return this.candidates[this.winner[1]!]!;
  }

  /** `replica`'s load is now `load` (replicas not in the list are ignored). */
  update(replica: number, load: number): void {
    const position = this.positionOf[replica] ?? -1;
    if (position < 0 || this.loads[position] === load) return;
    this.loads[position] = load;
    // Climb until a node's winner neither changed nor is the moved position: that node holds the same position
    // and load as before, so nothing above it changes either.
    for (let node = (this.leaves + position) >> 1; node >= 1; node >>= 1) {
      const was = this.winner[node]!;
      const now = this.better(2 * node, 2 * node + 1);
      if (now === was && was !== position) return;
      this.winner[node] = now;
    }
  }

  /** Of two nodes' winners, the one with the smaller load; the left one (earlier positions) on ties. */
  private better(left: number, right: number): number {
    const a = this.winner[left]!;
    const b = this.winner[right]!;
    if (b < 0) return a;
    if (a < 0) return b;
    return this.loads[b]! < this.loads[a]! ? b : a;
  }
}
