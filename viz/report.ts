import { format } from "d3";
import { escapeXml } from "./escape.ts";
import { round2 } from "./num.ts";
import { TITLE_BAND_PX } from "./svg.ts";
import { REPORT_CSS, REPORT_JS } from "./reportStyle.ts";

export interface ReportHeadline {
  readonly label: string;
  readonly value: string | number;
  readonly unit?: string;
}

/** A chart: `svg` is trusted markup from a chart function of this module, inlined as is. */
export interface ReportChart {
  readonly id: string;
  readonly title: string;
  readonly svg: string;
}

export interface ReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export interface ReportInput {
  readonly title: string;
  /** The scenario as JSON or YAML, shown verbatim. */
  readonly scenarioText: string;
  readonly headline: readonly ReportHeadline[];
  readonly charts: readonly ReportChart[];
  readonly tables: readonly ReportTable[];
  /** Tool, version and command line that produced the report. */
  readonly generatedBy: string;
}

const NUMBER = format(",.4~r");

/** Numbers in tables and cards: grouped thousands, at most 4 significant digits; NaN/∞ as "–". */
export function formatReportNumber(v: number): string {
  if (!Number.isFinite(v)) return "–";
  return Number.isInteger(v) ? format(",")(v) : NUMBER(v);
}

/** HTML ids from free text: letters, digits, "-" and "_", made unique with a numeric suffix. */
function idMaker(): (raw: string, fallback: string) => string {
  const used = new Set<string>();
  return (raw, fallback) => {
    const base = raw.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || fallback;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    return id;
  };
}

function headlineHtml(items: readonly ReportHeadline[]): string {
  if (items.length === 0) return "";
  const cards = items.map((h) => {
    const value = typeof h.value === "number" ? formatReportNumber(h.value) : h.value;
    const unit = h.unit !== undefined && h.unit !== "" ? `<span class="unit">${escapeXml(h.unit)}</span>` : "";
    return `<div class="card"><dt>${escapeXml(h.label)}</dt><dd>${escapeXml(value)}${unit}</dd></div>`;
  });
  return `<dl class="headline" id="headline">${cards.join("")}</dl>`;
}

function section(id: string, title: string, inner: string, open = true): string {
  return `<details id="${id}"${open ? " open" : ""}><summary><h2>${escapeXml(title)}</h2></summary>${inner}</details>`;
}

function tableHtml(t: ReportTable): string {
  const head = t.columns.map((c) => `<th scope="col">${escapeXml(c)}</th>`).join("");
  const body = t.rows
    .map((r) => {
      const cells = r.map((c) =>
        typeof c === "number" ? `<td class="num">${escapeXml(formatReportNumber(c))}</td>` : `<td>${escapeXml(c)}</td>`,
      );
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("");
  const empty = t.rows.length === 0 ? `<p class="empty">no rows</p>` : "";
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${empty}</div>`;
}

/** Strips an XML declaration or doctype before the <svg>, which is invalid inside HTML. */
function inlineSvg(svg: string): string {
  return withoutTitleBand(svg.replace(/^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?/i, ""));
}

/** Pixels of a chart's title band to hide in the report, where the section heading names the chart. */
const HIDDEN_BAND_PX = TITLE_BAND_PX - 6;

/**
 * A chart of this module repeats its title in a band at the top; in the report the section heading
 * already says it, so the band is cropped off through the viewBox and the title text dropped (the
 * accessible <title> stays). Any other SVG is left as it is.
 */
function withoutTitleBand(svg: string): string {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0];
  const box = root === undefined ? null : /\sviewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(root);
  const title = /<text\b[^>]*class="chart-title"[^>]*>[^<]*<\/text>/.exec(svg);
  if (root === undefined || box === null || title === null) return svg;
  const w = Number(box[1]);
  const h = Number(box[2]) - HIDDEN_BAND_PX;
  if (!(h > 0)) return svg;
  const newRoot = root
    .replace(box[0], ` viewBox="0 ${HIDDEN_BAND_PX} ${w} ${round2(h)}"`)
    .replace(/\sheight="[\d.]+"/, ` height="${round2(h)}"`);
  return newRoot + svg.slice(root.length).replace(title[0], "");
}

/**
 * One self-contained HTML page: inline CSS, inline SVG charts, a few lines of inline JS (expand/collapse,
 * open all sections for printing), and no network access of any kind. Deterministic for a given input.
 */
export function renderReport(input: ReportInput): string {
  const id = idMaker();
  const charts = input.charts.map((c) => ({ ...c, anchor: id(`chart-${c.id}`, "chart") }));
  const tables = input.tables.map((t, i) => ({ ...t, anchor: id(`table-${t.title}`, `table-${i + 1}`) }));
  const scenarioId = id("scenario", "scenario");
  const nav = [
    ...charts.map((c) => [c.anchor, c.title] as const),
    ...tables.map((t) => [t.anchor, t.title] as const),
    [scenarioId, "Scenario"] as const,
  ]
    .map(([a, t]) => `<li><a href="#${a}">${escapeXml(t)}</a></li>`)
    .join("");
  const chartHtml = charts
    .map((c) => section(c.anchor, c.title, `<figure>${inlineSvg(c.svg)}</figure>`))
    .join("\n");
  const tableHtmlAll = tables.map((t) => section(t.anchor, t.title, tableHtml(t))).join("\n");
  const scenario = section(scenarioId, "Scenario", `<pre>${escapeXml(input.scenarioText)}</pre>`, false);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeXml(input.generatedBy)}">
<title>${escapeXml(input.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<div class="toolbar"><button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button></div>
<h1>${escapeXml(input.title)}</h1>
<p class="meta">${escapeXml(input.generatedBy)}</p>
</header>
<nav aria-label="Contents"><ol>${nav}</ol></nav>
${headlineHtml(input.headline)}
${chartHtml}
${tableHtmlAll}
${scenario}
<footer>Generated by ${escapeXml(input.generatedBy)}. This page is self-contained: it loads nothing from the network.</footer>
</main>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}
