/**
 * Unit constants of the hardware layer. Decimal and binary multiples are different names: a datasheet's
 * "80 GB" is 80 × GB, a "220 MiB" SRAM is 220 × MiB. Time is in seconds everywhere (see sim/time.ts).
 */

/** Bytes in a kilobyte (10^3). */
export const KB = 1e3;
/** Bytes in a megabyte (10^6). */
export const MB = 1e6;
/** Bytes in a gigabyte (10^9). */
export const GB = 1e9;
/** Bytes in a terabyte (10^12). */
export const TB = 1e12;
/** Bytes in a petabyte (10^15). */
export const PB = 1e15;

/** Bytes in a kibibyte (2^10). */
export const KiB = 2 ** 10;
/** Bytes in a mebibyte (2^20). */
export const MiB = 2 ** 20;
/** Bytes in a gibibyte (2^30). */
export const GiB = 2 ** 30;

/** Operations in a tera-op (10^12): TFLOP/s and TOPS figures are multiples of this. */
export const TERA = 1e12;
/** Operations in a peta-op (10^15). */
export const PETA = 1e15;

/** One microsecond, in seconds. */
export const MICROSECOND_S = 1e-6;
/** One millisecond, in seconds. */
export const MILLISECOND_S = 1e-3;

/** Bytes per second in one gigabit per second (network figures are quoted in Gb/s). */
export const GBIT_PER_S_BYTES = 1e9 / 8;
