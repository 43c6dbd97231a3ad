import type { Admission } from "../../sim/routing.ts";

/** Every request is admitted to its replica's queue. */
export function unlimited(): Admission {
  return { check: () => null };
}
