import type { StepRecord } from "../../sim/metrics/stepLog.ts";

/** Columns of `steps.csv`: the steps of the first `timelineWindowS` seconds, for the replica timeline. */
export const STEP_COLUMNS: readonly (keyof StepRecord)[] = ["replica", "startS", "endS", "kind", "batchSize"];
