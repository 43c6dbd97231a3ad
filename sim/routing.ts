import type { Replica } from "./replica.ts";
import type { Request } from "./request.ts";

/** Chooses the replica (an index into `candidates`) that serves a request. */
export interface Router {
  route(request: Request, candidates: readonly Replica[], nowS: number): number;
}

/** Decides at arrival whether a replica takes a request; a string is the reason for rejecting it. */
export interface Admission {
  check(request: Request, replica: Replica, nowS: number): string | null;
}
