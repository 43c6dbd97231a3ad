import { DEVICES } from "../../hardware/devices/catalog.ts";
import { MODELS } from "../../hardware/models/catalog.ts";
import { place, type PlacementInput } from "../../hardware/placement.ts";
import type { Precision } from "../../hardware/precision.ts";

/** A catalog model on a catalog device, as the hardware tests place it: one pipeline stage, 16-bit KV, 90% memory. */
export function placementInputFor(
  device: string,
  model: string,
  tensorParallel: number,
  weightPrecision: Precision = "fp16",
  extra: Partial<PlacementInput> = {},
): PlacementInput {
  return {
    device: DEVICES[device]!,
    model: MODELS[model]!,
    tensorParallel,
    pipelineParallel: 1,
    weightPrecision,
    kvPrecision: "fp16",
    memoryUtilization: 0.9,
    kvBlockSizeTokens: 16,
    ...extra,
  };
}

/** That input, placed. */
export function placed(device: string, model: string, tensorParallel: number, weightPrecision: Precision = "fp16", extra: Partial<PlacementInput> = {}) {
  return place(placementInputFor(device, model, tensorParallel, weightPrecision, extra));
}
