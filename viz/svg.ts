import { symbol } from "d3";
import { escapeXml } from "./escape.ts";
import { round2 } from "./num.ts";
import { INK, SYMBOLS } from "./palette.ts";
import type { MarkerName } from "./palette.ts";

/** Attribute values: numbers are rounded to 2 decimals, strings escaped, undefined/false left out. */
export type AttrValue = string | number | boolean | undefined;

export function attrs(a: Readonly<Record<string, AttrValue>>): string {
  let out = "";
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === false) continue;
    const s = v === true ? k : typeof v === "number" ? String(round2(v)) : escapeXml(v);
    out += ` ${k}="${s}"`;
  }
  return out;
}

/** An element; `children` is markup (already escaped), omitted for an empty element. */
export function el(tag: string, a: Readonly<Record<string, AttrValue>> = {}, children?: string): string {
  return children === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${children}</${tag}>`;
}

/** A text element; `content` is plain text and is escaped here. */
export function text(x: number, y: number, content: string, a: Readonly<Record<string, AttrValue>> = {}): string {
  return el("text", { x, y, ...a }, escapeXml(content));
}

export function line(x1: number, y1: number, x2: number, y2: number, a: Readonly<Record<string, AttrValue>> = {}): string {
  return el("line", { x1, y1, x2, y2, ...a });
}

/** A group translated to (x, y). */
export function group(x: number, y: number, children: string, a: Readonly<Record<string, AttrValue>> = {}): string {
  return el("g", { transform: `translate(${round2(x)},${round2(y)})`, ...a }, children);
}

/** A marker shape centred on (x, y), `sizePx` across. */
export function marker(
  name: MarkerName,
  x: number,
  y: number,
  sizePx: number,
  a: Readonly<Record<string, AttrValue>> = {},
): string {
  const d = symbol(SYMBOLS[name], sizePx * sizePx * 0.8).digits(2)() ?? "";
  return el("path", { d, transform: `translate(${round2(x)},${round2(y)})`, ...a });
}

/** Approximate width of `s` in pixels at `fontPx` in DejaVu Sans / Helvetica (no DOM to measure with). */
export function textWidth(s: string, fontPx: number, bold = false): number {
  let em = 0;
  for (const ch of s) {
    if (/[iljt.,:;'|!()[\] ]/.test(ch)) em += 0.32;
    else if (/[mwMW@%]/.test(ch)) em += 0.9;
    else if (/[A-Z#$&]/.test(ch)) em += 0.7;
    else em += 0.6;
  }
  return em * fontPx * (bold ? 1.12 : 1);
}

export const FONT_FAMILY = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";
export const FONT_PX = { title: 16, label: 12, tick: 11, note: 11 } as const;

/** Height taken by the title strip at the top of every chart. */
export const TITLE_BAND_PX = 34;

/** The standalone SVG document around a chart body: white background, title, accessible name. */
export function svgDocument(widthPx: number, heightPx: number, title: string, body: string): string {
  const w = round2(widthPx);
  const h = round2(heightPx);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"` +
    ` role="img" aria-label="${escapeXml(title)}" font-family="${FONT_FAMILY}" font-size="${FONT_PX.tick}" fill="${INK.text}">` +
    el("title", {}, escapeXml(title)) +
    el("rect", { width: w, height: h, fill: INK.background }) +
    text(12, 22, title, { "font-size": FONT_PX.title, "font-weight": "bold", class: "chart-title" }) +
    body +
    "</svg>"
  );
}

/** A valid, titled SVG that says there is nothing to draw. */
export function noDataSvg(title: string, widthPx: number, heightPx = 200, note = "no data"): string {
  const body = text(widthPx / 2, (heightPx + TITLE_BAND_PX) / 2, note, {
    "text-anchor": "middle",
    "font-size": 14,
    fill: INK.muted,
    class: "no-data",
  });
  return svgDocument(widthPx, heightPx, title, body);
}
