/** Time of one operator group and the share of it that is compute-bound. */
export interface GroupTime {
  readonly timeS: number;
  readonly computeShare: number;
}

/**
 * Combine an operator group's compute time and memory time. With `sharpness` = Infinity this is the
 * roofline max(compute, memory); a finite p gives the p-norm (c^p + m^p)^(1/p), which is slower than the
 * max where both are comparable (near the ridge point) and equal to it far from it. The compute-bound share
 * is c^p / (c^p + m^p): 1 or 0 for the pure roofline.
 */
export function blend(computeS: number, memoryS: number, sharpness: number): GroupTime {
  return blendInto({ timeS: 0, computeShare: 0 }, computeS, memoryS, sharpness);
}

/** A group time that `blendInto` may overwrite. */
export interface MutableGroupTime {
  timeS: number;
  computeShare: number;
}

/** `blend`, written into `out` (and returned): a step's cost allocates nothing. */
export function blendInto(out: MutableGroupTime, computeS: number, memoryS: number, sharpness: number): MutableGroupTime {
  const hi = Math.max(computeS, memoryS);
  if (hi <= 0) {
    out.timeS = 0;
    out.computeShare = 0;
  } else if (sharpness === Infinity) {
    out.timeS = hi;
    out.computeShare = computeS > memoryS ? 1 : computeS === memoryS ? 0.5 : 0;
  } else if (sharpness === 2) {
    // The calibrated profile's p = 2 without `**` (Math.pow), which costs several times a step's other arithmetic
    // here; the same bits, as pow(x, 2) is x·x and pow(x, 0.5) is √x (test/hardware/cost/blend.test.ts checks).
    const u = computeS / hi;
    const v = memoryS / hi;
    const c = u * u;
    const m = v * v;
    out.timeS = hi * Math.sqrt(c + m);
    out.computeShare = c / (c + m);
  } else {
    const c = (computeS / hi) ** sharpness;
    const m = (memoryS / hi) ** sharpness;
    out.timeS = hi * (c + m) ** (1 / sharpness);
    out.computeShare = c / (c + m);
  }
  return out;
}
