import type { Request, RequestState } from "../../sim/request.ts";
import { requestRow } from "./requestRows.ts";
import type { RequestFields, RequestRow } from "./requestRows.ts";

/**
 * What a row needs of one request, side by side in one Float64Array (numbers only; reasons are kept apart).
 * A `const enum`, so the slots are numbers in the code (see sim/stepRing.ts).
 */
const enum Slot {
  Id = 0,
  ArrivalS = 1,
  FirstScheduledS = 2,
  FirstTokenS = 3,
  CompletionS = 4,
  PromptTokens = 5,
  OutputTokens = 6,
  GeneratedTokens = 7,
  MaxInterTokenS = 8,
  Preemptions = 9,
  ClassIndex = 10,
  Replica = 11,
  State = 12,
  Stride = 13,
}

const STATES: readonly RequestState[] = ["queued", "running", "transferring", "done", "rejected"];

/**
 * Requests per chunk (about 420 KB). The archive grows a chunk at a time: a doubling array would copy what it
 * holds at each growth and touch twice the memory, and fresh memory costs a page fault per page.
 */
const CHUNK_REQUESTS = 4096;

/**
 * The requests of a run as numbers, in the order they arrived, taken as each ends (and at the run's end for
 * those in flight): what `requests.csv` needs, without keeping the `Request` objects. Kept objects live as long
 * as the run, so the garbage collector copies every one of them; a request archived at its end dies young.
 */
export class RequestArchive {
  /** Chunk c holds the arrivals c × CHUNK_REQUESTS onwards. */
  private readonly chunks: Float64Array[] = [];
  /** One past the highest arrival order archived. */
  private count = 0;
  private readonly rejectReasons = new Map<number, string>();

  /** Archive `r` (arrived: its place in the arrivals is its slot) as it is now. */
  add(r: Request): void {
    const slot = r.arrivalOrder;
    if (slot < 0) throw new Error(`internal: request ${r.id} archived before it arrived`);
    const v = this.chunkOf(slot);
    const k = (slot % CHUNK_REQUESTS) * Slot.Stride;
    v[k + Slot.Id] = r.id;
    v[k + Slot.ArrivalS] = r.arrivalS;
    v[k + Slot.FirstScheduledS] = r.firstScheduledS;
    v[k + Slot.FirstTokenS] = r.firstTokenS;
    v[k + Slot.CompletionS] = r.completionS;
    v[k + Slot.PromptTokens] = r.promptTokens;
    v[k + Slot.OutputTokens] = r.outputTokens;
    v[k + Slot.GeneratedTokens] = r.generatedTokens;
    v[k + Slot.MaxInterTokenS] = r.maxInterTokenS;
    v[k + Slot.Preemptions] = r.preemptions;
    v[k + Slot.ClassIndex] = r.classIndex;
    v[k + Slot.Replica] = r.replica;
    // 0 is left for a slot never archived.
    v[k + Slot.State] = STATES.indexOf(r.state) + 1;
    if (r.rejectReason !== "") this.rejectReasons.set(slot, r.rejectReason);
    if (slot >= this.count) this.count = slot + 1;
  }

  private chunkOf(slot: number): Float64Array {
    const c = Math.floor(slot / CHUNK_REQUESTS);
    while (this.chunks.length <= c) this.chunks.push(new Float64Array(CHUNK_REQUESTS * Slot.Stride));
    return this.chunks[c]!;
  }

  /** Requests archived (every arrival, once the run has ended). */
  get size(): number {
    return this.count;
  }

  /** One row per request, in the order they arrived; `poolOf` names a replica's pool. */
  rows(poolOf: (replica: number) => string): RequestRow[] {
    const rows: RequestRow[] = [];
    for (let slot = 0; slot < this.count; slot++) {
      const v = this.chunks[Math.floor(slot / CHUNK_REQUESTS)]!;
      const k = (slot % CHUNK_REQUESTS) * Slot.Stride;
      const state = STATES[v[k + Slot.State]! - 1];
      if (state === undefined) throw new Error(`internal: arrival ${slot} was never archived`);
      // Counts and indexes are integers far below 2^31 (a run of 2^31 requests would need a 200 GB archive):
      // `| 0` makes them small integers, which V8 keeps in the row itself, not as a boxed double each (a row
      // then costs about half the instructions to build and collect).
      const fields: RequestFields = {
        id: v[k + Slot.Id]! | 0,
        state,
        classIndex: v[k + Slot.ClassIndex]! | 0,
        replica: v[k + Slot.Replica]! | 0,
        arrivalS: v[k + Slot.ArrivalS]!,
        firstScheduledS: v[k + Slot.FirstScheduledS]!,
        firstTokenS: v[k + Slot.FirstTokenS]!,
        completionS: v[k + Slot.CompletionS]!,
        promptTokens: v[k + Slot.PromptTokens]! | 0,
        outputTokens: v[k + Slot.OutputTokens]! | 0,
        generatedTokens: v[k + Slot.GeneratedTokens]! | 0,
        maxInterTokenS: v[k + Slot.MaxInterTokenS]!,
        preemptions: v[k + Slot.Preemptions]! | 0,
        rejectReason: this.rejectReasons.get(slot) ?? "",
      };
      rows.push(requestRow(fields, poolOf(fields.replica)));
    }
    return rows;
  }
}
