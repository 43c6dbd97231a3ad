import { InputError } from "../errors.ts";

/** The i-th (from 0) of N disjoint slices of an experiment's runs. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Read `--shard i/N` (0 ≤ i < N), e.g. `--shard $SLURM_ARRAY_TASK_ID/8` or `--shard $JOB_COMPLETION_INDEX/8`. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new InputError(`--shard '${text}': expected i/N with 0 ≤ i < N, e.g. 0/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new InputError(`--shard ${text}: expected 0 ≤ i < N and N ≥ 1`);
  return { index, count };
}

/** Whether run number `runIndex` belongs to the shard: runs are dealt round-robin, so slices are balanced. */
export function inShard(runIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || runIndex % shard.count === shard.index;
}
