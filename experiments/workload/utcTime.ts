/**
 * A point in time split into whole seconds and nanoseconds. An epoch time in seconds (≈ 1.7e9) with 7
 * fractional digits needs more than the 53 bits of a double, so the two parts are kept apart and only their
 * differences are combined.
 */
export interface Instant {
  readonly wholeS: number;
  readonly fracNs: number;
}

/** `2023-11-16 18:15:46.6805900`: date, space or `T`, time, up to 9 fractional digits, optional `Z`. */
const UTC_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?$/;

/** Parses a UTC time as written in the Azure traces, or returns null when it is not a valid time. */
export function parseUtcTime(text: string): Instant | null {
  const match = UTC_TIME.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(epochMs);
  // Date.UTC rolls 2023-02-30 over to March 2 and maps years 0–99 to 1900–1999: reject both.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const fraction = (match[7] ?? "").padEnd(9, "0");
  return { wholeS: epochMs / 1000, fracNs: Number(fraction) };
}

/** An instant for a plain number of seconds. */
export function instantFromSeconds(seconds: number): Instant {
  return { wholeS: seconds, fracNs: 0 };
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.wholeS !== b.wholeS ? a.wholeS - b.wholeS : a.fracNs - b.fracNs;
}

/** Seconds from `from` to `to`. */
export function secondsBetween(from: Instant, to: Instant): number {
  return to.wholeS - from.wholeS + (to.fracNs - from.fracNs) / 1e9;
}
