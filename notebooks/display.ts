/**
 * Output helpers for the notebooks (Deno's Jupyter kernel). Each sends a rich output through
 * `Deno.jupyter.display` and is awaited, so the output lands in the cell that made it, in order; `console.log`
 * output is sent asynchronously and can be lost or land in a later cell when a notebook runs headless.
 * Display only: the simulations and charts come from the infersim API (`../index.ts`).
 */

type Cell = string | number | null | undefined;

/** Show an SVG string (every infersim chart function returns one) as an output of the cell. */
export function show(svg: string): Promise<void> {
  return Deno.jupyter.display({ "image/svg+xml": svg }, { raw: true });
}

/** Show plain text (lines joined by newlines), e.g. `sweepText(file)`. */
export function say(...lines: readonly string[]): Promise<void> {
  return Deno.jupyter.display({ "text/plain": lines.join("\n") }, { raw: true });
}

/** A number with at most 4 significant digits and thousands separators; "–" for a missing value. */
export function fmt(value: Cell, significantDigits = 4): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "–";
  return value.toLocaleString("en-US", { maximumSignificantDigits: significantDigits });
}

/** Show rows (objects with the same keys) as a table: Markdown for Jupyter, aligned text as the fallback. */
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
  const plain = [line(columns), ...cells.map(line)].join("\n");
  return Deno.jupyter.display({ "text/markdown": markdown, "text/plain": plain }, { raw: true });
}
