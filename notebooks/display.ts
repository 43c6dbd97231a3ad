/**
 * Output helpers for the notebooks (Deno's Jupyter kernel): a chart, text or a table as an output of the cell.
 *
 * Why not `console.log` or a bare `Deno.jupyter.display`: Deno's kernel can report a cell finished ("idle")
 * before the cell's last output has gone out, and a headless runner (`jupyter nbconvert --execute`, CI) stops
 * listening at "idle", so that output is lost (an interactive Jupyter still shows it). Each helper therefore waits
 * a moment after sending, and numbers its output (`metadata.infersim.output`: 1, 2, 3, ... in the order sent), so
 * that `check-outputs.mjs` can prove none went missing.
 *
 * Display only: the simulations and charts come from the infersim API (`../index.ts`).
 */

type Cell = string | number | null | undefined;

/** Long enough for the kernel to send the message before the cell ends (10 ms sufficed under full CPU load). */
const FLUSH_MS = 50;
let outputs = 0;

async function emit(data: Readonly<Record<string, string>>): Promise<void> {
  outputs += 1;
  await Deno.jupyter.broadcast("display_data", { data, metadata: { infersim: { output: outputs } }, transient: {} });
  await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
}

/** Show an SVG string (every infersim chart function returns one) as an output of the cell. */
export function show(svg: string): Promise<void> {
  return emit({ "image/svg+xml": svg });
}

/** Show plain text, one argument per line (e.g. `sweepText(file)`). */
export function say(...lines: readonly string[]): Promise<void> {
  return emit({ "text/plain": lines.join("\n") });
}

/** A number with at most `significantDigits` significant digits and thousands separators; "–" when missing. */
export function fmt(value: Cell, significantDigits = 4): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "–";
  return value.toLocaleString("en-US", { maximumSignificantDigits: significantDigits });
}

/** Show rows (objects; the keys are the columns) as a table: Markdown in Jupyter, aligned text as the fallback. */
export function table(rows: readonly Readonly<Record<string, Cell>>[]): Promise<void> {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => columns.map((c) => fmt(r[c])));
  const escape = (s: string): string => s.replace(/\|/g, "\\|");
  const markdown = [
    `| ${columns.map(escape).join(" | ")} |`,
    `|${columns.map(() => "---|").join("")}`,
    ...cells.map((r) => `| ${r.map(escape).join(" | ")} |`),
  ].join("\n");
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: readonly string[]): string => r.map((s, i) => s.padStart(widths[i]!)).join("  ");
  return emit({ "text/markdown": markdown, "text/plain": [line(columns), ...cells.map(line)].join("\n") });
}
