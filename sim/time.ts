/**
 * Simulated time in infersim is a float64 number of **seconds** since the start of the run.
 * Every name that carries time says its unit: `arrivalS`, `stepS`, `ttftMs`. Durations inside the core
 * are seconds; milliseconds appear only in reported metrics (`ttftMs`, `tpotMs`).
 */
export type Seconds = number;

/** Milliseconds per second, for converting reported latencies. */
export const MS_PER_S = 1000;
