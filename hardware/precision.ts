/** Numeric formats of weights, activations and KV cache. */
export type Precision = "fp16" | "bf16" | "fp8" | "int8" | "int4" | "fp4";

/** Every precision, widest first. */
export const PRECISIONS: readonly Precision[] = ["fp16", "bf16", "fp8", "int8", "int4", "fp4"];

const BYTES_PER_PARAM: Readonly<Record<Precision, number>> = {
  fp16: 2,
  bf16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
  fp4: 0.5,
};

/** Storage bytes of one value in precision `p` (scale factors of block formats are ignored). */
export function bytesPerParam(p: Precision): number {
  return BYTES_PER_PARAM[p];
}

/** Is `value` one of the precision names? */
export function isPrecision(value: string): value is Precision {
  return (PRECISIONS as readonly string[]).includes(value);
}
