import type { LinkSpec } from "../devices/types.ts";

/**
 * Time of an all-reduce of `messageBytes` over `devices` devices. Bandwidth term: each device sends and
 * receives 2(n−1)/n of the message over one direction of its link (ring reduce-scatter + all-gather).
 * Latency term: 2⌈log2 n⌉ hops (recursive halving and doubling, the latency-optimal schedule for the small
 * messages of decode), plus a fixed engine latency per collective.
 */
export function allReduceS(
  messageBytes: number,
  devices: number,
  link: LinkSpec,
  linkEfficiency: number,
  fixedLatencyS: number,
): number {
  if (devices <= 1) return 0;
  const oneWayBytesPerS = (link.bandwidthBytesPerS / 2) * linkEfficiency;
  const hops = 2 * Math.ceil(Math.log2(devices));
  const sharedBytes = ((2 * (devices - 1)) / devices) * messageBytes;
  return fixedLatencyS + hops * link.latencyS + sharedBytes / oneWayBytesPerS;
}

/** Time to send `messageBytes` one hop between pipeline stages. */
export function sendS(messageBytes: number, link: LinkSpec, linkEfficiency: number): number {
  return link.latencyS + messageBytes / ((link.bandwidthBytesPerS / 2) * linkEfficiency);
}
