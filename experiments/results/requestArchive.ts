import type { Request, RequestState } from "../../sim/request.ts";
import { requestRow } from "./requestRows.ts";
import type { RequestFields, RequestRow } from "./requestRows.ts";

// What a row needs of one request, side by side in one Float64Array (numbers only; reasons are kept apart).
const ID = 0;
const ARRIVAL_S = 1;
const FIRST_SCHEDULED_S = 2;
const FIRST_TOKEN_S = 3;
const COMPLETION_S = 4;
const PROMPT_TOKENS = 5;
const OUTPUT_TOKENS = 6;
const GENERATED_TOKENS = 7;
const MAX_INTER_TOKEN_S = 8;
const PREEMPTIONS = 9;
const CLASS_INDEX = 10;
const REPLICA = 11;
const STATE = 12;
const STRIDE = 13;

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
    const k = (slot % CHUNK_REQUESTS) * STRIDE;
    v[k + ID] = r.id;
    v[k + ARRIVAL_S] = r.arrivalS;
    v[k + FIRST_SCHEDULED_S] = r.firstScheduledS;
    v[k + FIRST_TOKEN_S] = r.firstTokenS;
    v[k + COMPLETION_S] = r.completionS;
    v[k + PROMPT_TOKENS] = r.promptTokens;
    v[k + OUTPUT_TOKENS] = r.outputTokens;
    v[k + GENERATED_TOKENS] = r.generatedTokens;
    v[k + MAX_INTER_TOKEN_S] = r.maxInterTokenS;
    v[k + PREEMPTIONS] = r.preemptions;
    v[k + CLASS_INDEX] = r.classIndex;
    v[k + REPLICA] = r.replica;
    // 0 is left for a slot never archived.
    v[k + STATE] = STATES.indexOf(r.state) + 1;
    if (r.rejectReason !== "") this.rejectReasons.set(slot, r.rejectReason);
    if (slot >= this.count) this.count = slot + 1;
  }

  private chunkOf(slot: number): Float64Array {
    const c = Math.floor(slot / CHUNK_REQUESTS);
    while (this.chunks.length <= c) this.chunks.push(new Float64Array(CHUNK_REQUESTS * STRIDE));
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
      const k = (slot % CHUNK_REQUESTS) * STRIDE;
      const state = STATES[v[k + STATE]! - 1];
      if (state === undefined) throw new Error(`internal: arrival ${slot} was never archived`);
      // Counts and indexes are integers far below 2^31 (a run of 2^31 requests would need a 200 GB archive):
      // `| 0` makes them small integers, which V8 keeps in the row itself, not as a boxed double each (a row
      // then costs about half the instructions to build and collect).
      const fields: RequestFields = {
        id: v[k + ID]! | 0,
        state,
        classIndex: v[k + CLASS_INDEX]! | 0,
        replica: v[k + REPLICA]! | 0,
        arrivalS: v[k + ARRIVAL_S]!,
        firstScheduledS: v[k + FIRST_SCHEDULED_S]!,
        firstTokenS: v[k + FIRST_TOKEN_S]!,
        completionS: v[k + COMPLETION_S]!,
        promptTokens: v[k + PROMPT_TOKENS]! | 0,
        outputTokens: v[k + OUTPUT_TOKENS]! | 0,
        generatedTokens: v[k + GENERATED_TOKENS]! | 0,
        maxInterTokenS: v[k + MAX_INTER_TOKEN_S]!,
        preemptions: v[k + PREEMPTIONS]! | 0,
        rejectReason: this.rejectReasons.get(slot) ?? "",
      };
      rows.push(requestRow(fields, poolOf(fields.replica)));
    }
    return rows;
  }
}
