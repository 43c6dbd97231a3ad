/**
 * The hardware layer: accelerator and model catalogs, placement (what fits where), and the step cost models
 * that implement sim/'s StepCostModel port.
 */
export { GB, GiB, KB, KiB, MB, MiB, PB, TB, TERA, PETA, MICROSECOND_S, MILLISECOND_S } from "./units.ts";
export { PRECISIONS, bytesPerParam, isPrecision, type Precision } from "./precision.ts";
export { formatCount, formatGB } from "./format.ts";

export {
  isSramOnly,
  nodeOverheadW,
  peak16FlopsPerS,
  supportedPrecisions,
  type DataflowSpec,
  type DeviceClass,
  type DevicePowerSpec,
  type DeviceSpec,
  type LinkSpec,
  type MemoryKind,
  type NodeSpec,
} from "./devices/types.ts";
export { DEVICES, DEVICE_NAMES } from "./devices/catalog.ts";

export type { MlaSpec, ModelSpec, MoeSpec } from "./models/types.ts";
export { MODELS, MODEL_NAMES } from "./models/catalog.ts";
export {
  activeParamCount,
  attentionParamsPerLayer,
  kvBytesPerToken,
  kvValuesPerTokenPerLayer,
  paramCount,
  weightBytes,
} from "./models/derived.ts";

export { shardShape, type ShardShape } from "./sharding.ts";
export { DEFAULT_ACTIVATION_TOKENS, PlacementError, place, type Placement, type PlacementInput } from "./placement.ts";

export {
  ENGINE_FACTOR_KEYS,
  ENGINE_PROFILES,
  factorsFor,
  resolveProfile,
  type EngineFactors,
  type EngineProfile,
} from "./cost/profiles.ts";
export { costLayout, type CostLayout } from "./cost/geometry.ts";
export { createRooflineCost, createStepBreakdown, type StepBreakdown } from "./cost/roofline.ts";
export { exponentialCost, fixedCost } from "./cost/fixed.ts";
export { createTableCost, parseStepTable, type StepTable } from "./cost/table.ts";
