import { LeastLoadedIndex } from "./leastLoadedIndex.ts";
import type { Replica } from "./replica.ts";
import type { LoadView } from "./routing.ts";

/**
 * A load view that reads the replicas as they are now. `incoming` counts, per replica, requests already sent to it
 * but not yet there (network hop, KV transfer): a router must see them, or a burst all goes to one replica.
 */
export class LiveLoadView implements LoadView {
  private indexes: LeastLoadedIndex[] = [];

  constructor(
    private readonly replicas: readonly Replica[],
    private readonly incoming: readonly number[],
  ) {}

  /** Index these candidate lists by outstanding requests (`leastOutstanding`); earlier indexes are dropped. */
  indexOutstanding(lists: readonly (readonly number[])[]): void {
    this.indexes = lists.map((list) => new LeastLoadedIndex(list, this.replicas.length, (r) => this.outstanding(r)));
  }

  /** The replica's outstanding requests (or those coming to it) changed. */
  loadChanged(replica: number): void {
    const indexes = this.indexes;
    for (let i = 0; i < indexes.length; i++) indexes[i]!.update(replica, this.outstanding(replica));
  }

  leastOutstanding(candidates: readonly number[]): number | undefined {
    for (const index of this.indexes) if (index.candidates === candidates) return index.best();
    return undefined;
  }

  outstanding(replica: number): number {
    return this.replicas[replica]!.outstanding + this.incoming[replica]!;
  }

  queuedTokens(replica: number): number {
    return this.replicas[replica]!.queuedPrefillTokens();
  }

  kvUtilization(replica: number): number {
    const r = this.replicas[replica]!;
    r.sync();
    const kv = r.kv;
    return kv.totalBlocks > 0 ? kv.usedBlocks / kv.totalBlocks : 1;
  }

  pool(replica: number): number {
    return this.replicas[replica]!.pool;
  }
}

/**
 * A load view that answers from a snapshot of every replica, taken at most every `refreshIntervalS` simulated
 * seconds (lazily, when a router asks). Between refreshes a router acts on stale load, as a real one polling
 * its replicas does.
 */
export class StaleLoadView implements LoadView {
  private refreshedS = Number.NEGATIVE_INFINITY;
  private readonly outstandingSnap: number[];
  private readonly tokensSnap: number[];
  private readonly kvSnap: number[];
  private readonly live: LiveLoadView;

  constructor(
    private readonly replicas: readonly Replica[],
    private readonly refreshIntervalS: number,
    incoming: readonly number[],
  ) {
    this.live = new LiveLoadView(replicas, incoming);
    this.outstandingSnap = new Array<number>(replicas.length).fill(0);
    this.tokensSnap = new Array<number>(replicas.length).fill(0);
    this.kvSnap = new Array<number>(replicas.length).fill(0);
  }

  /** Take a new snapshot if the last one is older than the refresh interval. */
  refresh(nowS: number): void {
    if (nowS - this.refreshedS < this.refreshIntervalS) return;
    this.refreshedS = nowS;
    for (let i = 0; i < this.replicas.length; i++) {
      this.outstandingSnap[i] = this.live.outstanding(i);
      this.tokensSnap[i] = this.live.queuedTokens(i);
      this.kvSnap[i] = this.live.kvUtilization(i);
    }
  }

  outstanding(replica: number): number {
    return this.outstandingSnap[replica]!;
  }

  queuedTokens(replica: number): number {
    return this.tokensSnap[replica]!;
  }

  kvUtilization(replica: number): number {
    return this.kvSnap[replica]!;
  }

  pool(replica: number): number {
    return this.replicas[replica]!.pool;
  }
}
