/** The report's inline stylesheet: system fonts only (no network), readable on a laptop, clean on paper. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #5a5a5a; --rule: #dcdcdc; --panel: #f6f6f4; --accent: #0072B2; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header { border-bottom: 2px solid var(--ink); padding-bottom: .75rem; margin-bottom: 1.25rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 0; display: inline; }
.meta { color: var(--muted); margin: 0; font-size: .9rem; }
nav ol { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; margin: 0 0 1.5rem; font-size: .9rem; }
nav a, summary a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
.toolbar { float: right; }
.toolbar button { font: inherit; font-size: .8rem; margin-left: .4rem; padding: .15rem .6rem; border: 1px solid var(--rule);
  border-radius: 4px; background: #fff; color: var(--ink); cursor: pointer; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: 0 0 2rem; }
.card { background: var(--panel); border-radius: 6px; padding: .7rem .9rem; border-left: 4px solid var(--accent); }
.card dt { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.card dd { margin: .15rem 0 0; font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .unit { font-size: .9rem; font-weight: 400; color: var(--muted); margin-left: .3rem; }
details { border-top: 1px solid var(--rule); padding: .75rem 0; }
summary { cursor: pointer; padding: .25rem 0; }
summary::marker { color: var(--muted); }
figure { margin: .25rem 0 0; }
figure svg { display: block; width: 100%; max-width: 60rem; height: auto; margin: 0 auto; }
.table-wrap { overflow-x: auto; margin-top: .75rem; }
table { border-collapse: collapse; font-size: .9rem; font-variant-numeric: tabular-nums; min-width: 50%; }
caption { text-align: left; }
th, td { padding: .35rem .8rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { border-bottom: 2px solid var(--ink); font-weight: 650; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafafa; }
pre { background: var(--panel); padding: 1rem; border-radius: 6px; overflow-x: auto; font-size: .85rem; line-height: 1.4;
  font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 2rem; border-top: 1px solid var(--rule); padding-top: .75rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 40rem) { main { padding: 1rem; } h1 { font-size: 1.5rem; } }
@media print {
  @page { margin: 14mm; }
  html { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav, .toolbar { display: none; }
  details { break-inside: avoid; }
  summary { list-style: none; }
  summary::marker, summary::-webkit-details-marker { display: none; }
  figure, table, .card { break-inside: avoid; }
  pre { white-space: pre-wrap; }
  .card { border: 1px solid var(--rule); border-left: 4px solid var(--accent); }
}
`;

/** Open every section before printing (closed <details> would print as a bare title), and two toolbar buttons. */
export const REPORT_JS = `
(function () {
  var all = function () { return Array.prototype.slice.call(document.querySelectorAll("details")); };
  var setAll = function (open) { all().forEach(function (d) { d.open = open; }); };
  var saved = [];
  window.addEventListener("beforeprint", function () { saved = all().map(function (d) { return d.open; }); setAll(true); });
  window.addEventListener("afterprint", function () { all().forEach(function (d, i) { d.open = saved[i] !== false; }); });
  var expand = document.getElementById("expand-all");
  var collapse = document.getElementById("collapse-all");
  if (expand) expand.addEventListener("click", function () { setAll(true); });
  if (collapse) collapse.addEventListener("click", function () { setAll(false); });
})();
`;
