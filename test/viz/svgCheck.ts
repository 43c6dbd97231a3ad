/** Small, dependency-free checks on SVG strings for the chart tests. */

const ENTITY: Readonly<Record<string, string>> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'" };

export function unescape(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITY[e]!);
}

/** Throws unless every tag is closed in order, attributes are quoted, and no stray "<" or "&" appears. */
export function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/gy;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const textPart = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    if (/&(?!(lt|gt|amp|quot|#39|#\d+);)/.test(textPart)) throw new Error(`bare & in text near ${i}: ${textPart.slice(0, 40)}`);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (m === null) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [, close, name, , selfClose] = m;
    if (close === "/") {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name!}> closes <${open ?? "nothing"}> at ${lt}`);
    } else if (selfClose !== "/") {
      stack.push(name!);
    }
    i = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(", ")}`);
}

/** The opening tags of `name` (optionally with a class containing `cls`). */
export function tags(svg: string, name: string, cls?: string): string[] {
  const all = svg.match(new RegExp(`<${name}\\b[^>]*>`, "g")) ?? [];
  return cls === undefined ? all : all.filter((t) => new RegExp(`class="[^"]*\\b${cls}\\b`).test(t));
}

/** The unescaped contents of every <text> element. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!));
}

/** An attribute's unescaped value in one tag, or undefined. */
export function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m === null ? undefined : unescape(m[1]!);
}

/** The root element is a standalone SVG with namespace, viewBox, width and height. */
export function assertStandaloneSvg(svg: string): void {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0];
  if (root === undefined) throw new Error("does not start with <svg>");
  for (const a of ["viewBox", "width", "height"]) if (attr(root, a) === undefined) throw new Error(`root lacks ${a}`);
  if (attr(root, "xmlns") !== "http://www.w3.org/2000/svg") throw new Error("root lacks the SVG namespace");
  if (!svg.endsWith("</svg>")) throw new Error("does not end with </svg>");
  assertWellFormed(svg);
}

/** No coordinate in path data or attributes has more than 2 decimals. */
export function maxDecimals(svg: string): number {
  let max = 0;
  for (const m of svg.matchAll(/\d+\.(\d+)/g)) max = Math.max(max, m[1]!.length);
  return max;
}
