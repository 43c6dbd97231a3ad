import { kvBytesPerToken, weightBytes } from "../models/derived.ts";
import { shardShape } from "../sharding.ts";
import { contextTokensOf, type Placement, type PlacementInput } from "./types.ts";

/**
 * SRAM-only devices (LPU, wafer): the compiler spreads weights and KV evenly over every device of the
 * replica (layers are sliced, not kept whole), and activations stream between devices, so no activation
 * reserve is held beyond the (1 − memoryUtilization) margin. The stage count is the smallest at least
 * `pipelineParallel` whose SRAM holds all weights plus one full context of KV. A `tensorParallel` of 1 takes
 * the device's calibrated stage width.
 */
export function placeSram(input: PlacementInput): Placement {
  const { model, device, weightPrecision: wp } = input;
  const t = input.tensorParallel === 1 ? (device.dataflow?.stageDevices ?? 1) : input.tensorParallel;
  const contextTokens = contextTokensOf(input);
  const weightsTotal = weightBytes(model, wp);
  const kvPerTokenTotal = kvBytesPerToken(model, input.kvPrecision);
  const usable = device.memoryBytes * input.memoryUtilization;
  const minDevices = Math.ceil((weightsTotal + kvPerTokenTotal * contextTokens) / usable);
  const stages = Math.max(input.pipelineParallel, Math.ceil(minDevices / t));
  const devices = t * stages;
  const weightPerDevice = weightsTotal / devices;
  const kvFree = usable - weightPerDevice;
  const kvPerTokenPerDevice = kvPerTokenTotal / devices;
  const blocks = Math.floor(kvFree / (kvPerTokenPerDevice * input.kvBlockSizeTokens));
  return {
    input,
    devicesPerReplica: devices,
    tensorParallel: t,
    pipelineParallel: stages,
    layersPerStage: model.layers / stages,
    sramOnly: true,
    shard: shardShape(model, t),
    weightBytesTotal: weightsTotal,
    weightBytesPerDevice: weightPerDevice,
    usableBytesPerDevice: usable,
    activationReserveBytesPerDevice: 0,
    kvFreeBytesPerDevice: kvFree,
    kvBytesPerTokenPerDevice: kvPerTokenPerDevice,
    kvBytesPerTokenReplica: kvPerTokenTotal,
    kvCapacityTokens: blocks * input.kvBlockSizeTokens,
    kvCapacityBlocks: blocks,
    maxContextTokens: contextTokens,
    nodesPerReplica: Math.ceil(devices / device.node.devicesPerNode),
  };
}

