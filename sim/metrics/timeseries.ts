/** One sample of the cluster's state, taken every `sampleIntervalS`. Counts are over the interval ending at `timeS`. */
export interface TimeSample {
  readonly timeS: number;
  readonly arrivals: number;
  readonly completions: number;
  readonly queueLength: number;
  readonly runningSeqs: number;
  readonly kvUsedBlocks: number;
  readonly kvTotalBlocks: number;
  readonly preemptions: number;
  readonly busyReplicas: number;
  /** Output tokens emitted in the interval. */
  readonly outputTokens: number;
  /** Columns added by observers (e.g. `facilityMW`), in the order they were added. */
  readonly extra: Readonly<Record<string, number>>;
}
