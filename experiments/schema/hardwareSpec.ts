import { z } from "zod";
import { scaledPower } from "../../hardware/devices/powerDefaults.ts";
import type { DeviceSpec } from "../../hardware/devices/types.ts";
import type { ModelSpec } from "../../hardware/models/types.ts";
import { PRECISIONS } from "../../hardware/precision.ts";
import { GB, MICROSECOND_S } from "../../hardware/units.ts";

/**
 * Schemas for a device or model defined inline in a scenario. Objects are strict (an unknown key is an
 * error); every number is in SI units (bytes, bytes/s, FLOP/s, seconds, watts), as in the built-in catalog.
 * The parsed value is a valid DeviceSpec / ModelSpec.
 */

const positive = z.number().positive();
const count = z.int().min(1);

const LinkSchema = z
  .strictObject({
    bandwidthBytesPerS: positive.describe("Aggregate bidirectional bandwidth per device, bytes/s (900e9 for NVLink4)."),
    latencyS: z.number().min(0).default(2 * MICROSECOND_S).describe("One-hop latency, seconds (default 2 µs)."),
  })
  .describe("An interconnect as seen from one device.");

const PowerSchema = z
  .strictObject({
    maxW: positive.describe("Thermal design power (board power limit), watts."),
    idleW: z.number().min(0).optional().describe("Idle draw, watts (default 0.13 × maxW)."),
    memoryBoundW: z.number().min(0).optional().describe("Draw during memory-bound work (decode), watts (default 0.58 × maxW)."),
    computeBoundW: z.number().min(0).optional().describe("Draw during compute-bound work (prefill), watts (default maxW)."),
  })
  .transform((p) => {
    const scaled = scaledPower(p.maxW);
    return {
      idleW: p.idleW ?? scaled.idleW,
      memoryBoundW: p.memoryBoundW ?? scaled.memoryBoundW,
      computeBoundW: p.computeBoundW ?? scaled.computeBoundW,
      maxW: p.maxW,
    };
  })
  .describe("Power states; the ones left out are scaled from maxW as Splitwise measured on A100/H100.");

const PeakSchema = z
  .strictObject(Object.fromEntries(PRECISIONS.map((p) => [p, positive.optional().describe(`Dense ${p} FLOP/s.`)])))
  .refine((peaks) => Object.values(peaks).some((v) => v !== undefined), "give the peak of at least one precision")
  .transform((peaks) => {
    const defined: Partial<Record<(typeof PRECISIONS)[number], number>> = {};
    for (const p of PRECISIONS) {
      const v = peaks[p];
      if (v !== undefined) defined[p] = v;
    }
    return defined;
  })
  .describe("Dense (not sparse) peak tensor throughput per precision, FLOP/s; a precision left out is unsupported.");

export const DeviceSpecSchema = z
  .strictObject({
    name: z.string().min(1).describe("Device name, used in messages and results."),
    class: z.enum(["gpu", "lpu", "wafer", "tpu", "accelerator"]).default("gpu").describe("Device class."),
    vendor: z.string().default("custom").describe("Vendor."),
    peakFlopsPerS: PeakSchema,
    memoryBytes: positive.describe("Capacity of the memory holding weights and KV, bytes (80e9 for an H100)."),
    memoryBandwidthBytesPerS: positive.describe("Bandwidth of that memory, bytes/s (3.35e12 for an H100)."),
    memoryKind: z
      .enum(["hbm", "gddr", "sram"])
      .default("hbm")
      .describe("sram: the device has no off-chip memory (LPU, wafer), so placement spreads the model over many devices."),
    scaleUp: LinkSchema.describe("Link inside a node (NVLink, Infinity Fabric, ICI; PCIe where there is none)."),
    scaleOut: LinkSchema.default({ bandwidthBytesPerS: 100 * GB, latencyS: 10 * MICROSECOND_S }).describe(
      "Link between nodes (default 100 GB/s bidirectional, 10 µs: one 400 Gb/s NIC per device).",
    ),
    hostLink: z
      .strictObject({ bandwidthBytesPerS: positive.describe("Device-to-host bandwidth, bytes/s.") })
      .default({ bandwidthBytesPerS: 64 * GB })
      .describe("Device-to-host link for KV swapping (default PCIe4 x16, 64 GB/s)."),
    power: PowerSchema,
    node: z
      .strictObject({
        devicesPerNode: count.default(8).describe("Devices per server."),
        maxW: positive.optional().describe("Server maximum power, watts (default: the devices' TDP only, no host)."),
      })
      .default({ devicesPerNode: 8 })
      .describe("The server hosting the devices."),
    dataflow: z
      .strictObject({
        passLatencyS: z.number().min(0).describe("Fixed time for a token to cross one pipeline stage, seconds."),
        stageDevices: count
          .default(1)
          .describe("Devices per pipeline stage when a pool leaves tensorParallel at 1 (Groq: 8, a wafer: 1)."),
      })
      .optional()
      .describe("Only for compiler-scheduled dataflow devices (LPU, wafer)."),
    source: z
      .record(z.string(), z.string())
      .default({ device: "inline device spec in the scenario" })
      .describe("Where the figures come from, keyed by field name."),
  })
  .transform((d): DeviceSpec => {
    const { node, dataflow, ...rest } = d;
    const nodeSpec = { devicesPerNode: node.devicesPerNode, maxW: node.maxW ?? node.devicesPerNode * d.power.maxW };
    return dataflow === undefined ? { ...rest, node: nodeSpec } : { ...rest, node: nodeSpec, dataflow };
  })
  .describe("An accelerator defined inline: per-device, dense, SI units.");

const MoeSchema = z
  .strictObject({
    experts: count.describe("Routed experts per MoE layer."),
    activeExperts: count.describe("Routed experts per token (top-k)."),
    expertFfnSize: count.describe("Intermediate size of one expert."),
    sharedExperts: z.int().min(0).default(0).describe("Experts every token also goes to."),
    denseLayers: z.int().min(0).default(0).describe("Leading layers with a dense FFN instead of experts."),
  })
  .refine((m) => m.activeExperts <= m.experts, "activeExperts must not exceed experts")
  .describe("Mixture-of-experts FFN layers.");

const MlaSchema = z
  .strictObject({
    kvLoraRank: count.describe("Width of the cached KV latent."),
    qkRopeHeadDim: count.describe("Width of the decoupled RoPE key."),
    qkNopeHeadDim: count.describe("Per-head query/key width without RoPE."),
    vHeadDim: count.describe("Per-head value width."),
    qLoraRank: z.int().min(0).default(0).describe("Width of the compressed query (0: none)."),
  })
  .describe("Multi-head latent attention (DeepSeek).");

export const ModelSpecSchema = z
  .strictObject({
    name: z.string().min(1).describe("Model name."),
    layers: count.describe("Transformer layers."),
    hiddenSize: count.describe("Hidden size d."),
    qHeads: count.describe("Query heads."),
    kvHeads: count.describe("Key/value heads (GQA when fewer than qHeads)."),
    headDim: count.describe("Width of one head."),
    ffnSize: count.describe("Intermediate size of a dense gated (SwiGLU) FFN."),
    vocab: count.describe("Vocabulary size."),
    maxContextTokens: count.describe("Longest supported context, tokens."),
    tiedEmbeddings: z.boolean().default(false).describe("Embedding and LM head share one matrix."),
    qkvBias: z.boolean().default(false).describe("Q/K/V projections carry a bias (Qwen2)."),
    moe: MoeSchema.optional(),
    mla: MlaSchema.optional(),
    source: z.string().default("inline model spec in the scenario").describe("Where the architecture comes from."),
  })
  .refine((m) => m.qHeads % m.kvHeads === 0, "qHeads must be a multiple of kvHeads")
  .refine((m) => m.moe === undefined || m.moe.denseLayers <= m.layers, "moe.denseLayers must not exceed layers")
  .transform((m): ModelSpec => {
    const { moe, mla, ...rest } = m;
    return { ...rest, ...(moe === undefined ? {} : { moe }), ...(mla === undefined ? {} : { mla }) };
  })
  .describe("A decoder-only transformer defined inline, as in its Hugging Face config.json.");
