const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Characters XML 1.0 forbids (C0 controls other than tab, newline, carriage return; lone surrogates; U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an SVG/HTML element or a quoted attribute: markup escaped, forbidden characters dropped. */
export function escapeXml(text: string | number): string {
  return String(text)
    .replace(FORBIDDEN, "")
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
