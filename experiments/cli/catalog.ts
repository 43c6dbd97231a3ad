import { DEVICES } from "../../hardware/devices/catalog.ts";
import type { DeviceSpec } from "../../hardware/devices/types.ts";
import { formatCount } from "../../hardware/format.ts";
import { MODELS } from "../../hardware/models/catalog.ts";
import { activeParamCount, kvBytesPerToken, paramCount } from "../../hardware/models/derived.ts";
import type { ModelSpec } from "../../hardware/models/types.ts";
import { GB, KiB, TB, TERA } from "../../hardware/units.ts";

/** One column of a fixed-width table: header, alignment and how to render a row. */
interface Column<T> {
  readonly header: string;
  readonly align: "left" | "right";
  readonly cell: (row: T) => string;
}

function table<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cells = rows.map((row) => columns.map((c) => c.cell(row)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i]!.align === "left" ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(columns.map((c) => c.header)), rule, ...cells.map(line)].join("\n") + "\n";
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

function tflops(device: DeviceSpec, precision: "bf16" | "fp8"): string {
  const peak = precision === "bf16" ? (device.peakFlopsPerS.bf16 ?? device.peakFlopsPerS.fp16) : device.peakFlopsPerS.fp8;
  return peak === undefined ? "-" : formatCount(peak / TERA);
}

const DEVICE_COLUMNS: readonly Column<DeviceSpec>[] = [
  { header: "device", align: "left", cell: (d) => d.name },
  { header: "class", align: "left", cell: (d) => d.class },
  { header: "memory GB", align: "right", cell: (d) => `${fixed(d.memoryBytes / GB, d.memoryBytes < 10 * GB ? 2 : 0)}${d.memoryKind === "sram" ? " SRAM" : ""}` },
  {
    header: "bandwidth TB/s",
    align: "right",
    cell: (d) =>
      d.memoryBandwidthBytesPerS < 10 * TB
        ? fixed(d.memoryBandwidthBytesPerS / TB, 2)
        : formatCount(d.memoryBandwidthBytesPerS / TB),
  },
  { header: "BF16 TFLOP/s", align: "right", cell: (d) => tflops(d, "bf16") },
  { header: "FP8 TFLOP/s", align: "right", cell: (d) => tflops(d, "fp8") },
  { header: "INT8 TOPS", align: "right", cell: (d) => (d.peakFlopsPerS.int8 === undefined ? "-" : formatCount(d.peakFlopsPerS.int8 / TERA)) },
  { header: "TDP W", align: "right", cell: (d) => formatCount(d.power.maxW) },
  { header: "per node", align: "right", cell: (d) => String(d.node.devicesPerNode) },
];

const MODEL_COLUMNS: readonly Column<ModelSpec>[] = [
  { header: "model", align: "left", cell: (m) => m.name },
  { header: "params B", align: "right", cell: (m) => fixed(paramCount(m) / 1e9, 2) },
  { header: "active B", align: "right", cell: (m) => fixed(activeParamCount(m) / 1e9, 2) },
  { header: "layers", align: "right", cell: (m) => String(m.layers) },
  { header: "KV KiB/token FP16", align: "right", cell: (m) => fixed(kvBytesPerToken(m, "fp16") / KiB, 1) },
  { header: "max context", align: "right", cell: (m) => formatCount(m.maxContextTokens) },
  { header: "attention", align: "left", cell: (m) => (m.mla !== undefined ? "MLA" : m.kvHeads < m.qHeads ? `GQA ${m.qHeads}/${m.kvHeads}` : "MHA") },
  { header: "MoE", align: "left", cell: (m) => (m.moe === undefined ? "-" : `${m.moe.activeExperts} of ${m.moe.experts}`) },
];

/**
 * The built-in catalog as a fixed-width table (peaks are dense). Pure: the CLI prints it.
 */
export function catalogText(kind: "devices" | "models"): string {
  return kind === "devices"
    ? table(DEVICE_COLUMNS, Object.values(DEVICES))
    : table(MODEL_COLUMNS, Object.values(MODELS));
}
