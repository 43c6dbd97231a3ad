import { nodeOverheadW, type DeviceSpec } from "../devices/types.ts";
import type { PowerLevels } from "./levels.ts";

/**
 * Share of a server's host power (CPUs, memory, NICs, switches, fans: the server's maximum minus its
 * accelerators' TDP) drawn while its accelerators idle. L: an assumption, not a measurement; servers idle
 * at roughly 30–60 % of their peak. A DGX H100 modelled this way draws ≈ 4.6–9.7 kW serving Llama-2-70B
 * (TP8 decode to long TP2 prefills), bracketing NVIDIA's "typical 6.5–8.5 kW" (DGX H100 user guide;
 * reference §1.4).
 */
export const HOST_IDLE_SHARE = 0.5;

/** Host power attributed to one device at full load: its node's host overhead over the node's devices. */
export function hostMaxWPerDevice(device: DeviceSpec): number {
  return nodeOverheadW(device) / device.node.devicesPerNode;
}

/**
 * Host draw attributed to one device, scaled by the device's load (its draw between idle and TDP), so that
 * a node whose accelerators all run at TDP draws exactly the server's maximum.
 */
export function hostW(hostMaxW: number, levels: PowerLevels, deviceW: number): number {
  const range = levels.maxW - levels.idleW;
  const load = range > 0 ? Math.min(1, Math.max(0, (deviceW - levels.idleW) / range)) : 0;
  return hostMaxW * (HOST_IDLE_SHARE + (1 - HOST_IDLE_SHARE) * load);
}

/**
 * ∫ `hostW` dt over `spanS` seconds in which the device's draw integrates to `deviceJ` joules and stays
 * between idle and board power throughout (where `hostW` is linear in it): what summing `hostW` × time step by
 * step gives, up to rounding. Joules.
 */
export function hostJOver(hostMaxW: number, levels: PowerLevels, deviceJ: number, spanS: number): number {
  const range = levels.maxW - levels.idleW;
  const loadS = range > 0 ? (deviceJ - levels.idleW * spanS) / range : 0;
  return hostMaxW * (HOST_IDLE_SHARE * spanS + (1 - HOST_IDLE_SHARE) * loadS);
}
