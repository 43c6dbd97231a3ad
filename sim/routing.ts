import type { Replica } from "./replica.ts";
import type { Request } from "./request.ts";

/**
 * What a router may know of each replica, by its cluster-wide index. A live view reads the replicas; a stale
 * view (`StaleLoadView`) answers from a snapshot refreshed every `refreshIntervalS`, as real routers do.
 */
export interface LoadView {
  /** Requests waiting or running. */
  outstanding(replica: number): number;
  /** Prompt tokens queued or still to prefill. */
  queuedTokens(replica: number): number;
  /** KV blocks in use over capacity, in [0, 1]. */
  kvUtilization(replica: number): number;
  /** Index of the replica's pool. */
  pool(replica: number): number;
  /**
   * The candidate with the fewest requests outstanding (the earliest in the list on ties), when this view keeps
   * an index of `candidates` (a live view indexes the cluster's own candidate lists); undefined otherwise, and
   * the router scans.
   */
  leastOutstanding?(candidates: readonly number[]): number | undefined;
}

/**
 * Chooses the replica that serves a request, among `candidates` (cluster-wide replica indices of the pools
 * that may take it, never empty). Returns one of the candidates.
 */
export interface Router {
  route(request: Request, candidates: readonly number[], load: LoadView, nowS: number): number;
}

/** Decides at arrival whether a replica takes a request; a string is the reason for rejecting it. */
export interface Admission {
  check(request: Request, replica: Replica, nowS: number): string | null;
}
