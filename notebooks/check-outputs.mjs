#!/usr/bin/env node
// Checks the notebooks' JSON (no dependencies; run with node).
//
//   node notebooks/check-outputs.mjs cleared notebooks/*.ipynb     committed notebooks: outputs cleared, Deno kernel
//   node notebooks/check-outputs.mjs executed out/*.ipynb          after `jupyter nbconvert --execute`: it all ran
//   node notebooks/check-outputs.mjs clear notebooks/*.ipynb       clear outputs, counts and run timings in place
//
// `executed` fails when a code cell did not run or ended in an error, when a cell tagged "chart" has no SVG output
// (or an untagged cell draws one), when a cell that calls show/say/table has no output, or when the outputs that
// notebooks/display.ts numbers (metadata.infersim.output) are not 1, 2, 3, ... (one was lost on the way).
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

const [mode, ...files] = process.argv.slice(2);
if (!["cleared", "executed", "clear"].includes(mode ?? "") || files.length === 0) {
  console.error("usage: node notebooks/check-outputs.mjs cleared|executed|clear FILE.ipynb...");
  process.exit(2);
}

/** JSON as Jupyter writes notebooks (nbformat: keys sorted, one-space indent, UTF-8, final newline). */
function notebookJson(value) {
  const sorted = (v) =>
    Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
  return `${JSON.stringify(sorted(value), null, 1)}\n`;
}

if (mode === "clear") {
  for (const file of files) {
    const nb = JSON.parse(readFileSync(file, "utf8"));
    for (const cell of nb.cells) {
      if (cell.cell_type !== "code") continue;
      cell.outputs = [];
      cell.execution_count = null;
      delete cell.metadata.execution; // run timings recorded by nbclient
    }
    writeFileSync(file, notebookJson(nb));
    console.log(`cleared ${file}`);
  }
  process.exit(0);
}

const text = (source) => (Array.isArray(source) ? source.join("") : (source ?? ""));
const isChart = (cell) => (cell.metadata?.tags ?? []).includes("chart");
const svgOf = (output) => text(output.data?.["image/svg+xml"]);
const DRAWS = /\bshow\(/;
const DISPLAYS = /\b(show|say|table)\(/;

let failures = 0;
for (const file of files) {
  const problems = [];
  let nb;
  try {
    nb = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    problems.push(`cannot read it as JSON: ${e.message}`);
  }
  if (nb !== undefined) {
    const code = nb.cells.map((cell, index) => ({ cell, index })).filter(({ cell }) => cell.cell_type === "code");
    const where = (index) => `cell ${index}`;
    if (nb.metadata?.kernelspec?.name !== "deno") problems.push(`kernelspec is ${JSON.stringify(nb.metadata?.kernelspec?.name)}, expected "deno"`);
    if (!code.some(({ cell }) => isChart(cell))) problems.push('no cell is tagged "chart"');
    for (const { cell, index } of code) {
      const source = text(cell.source);
      if (isChart(cell) && !DRAWS.test(source)) problems.push(`${where(index)} is tagged "chart" but never calls show(...)`);
      if (!isChart(cell) && DRAWS.test(source)) problems.push(`${where(index)} calls show(...) but is not tagged "chart"`);
    }
    if (mode === "cleared") {
      for (const { cell, index } of code) {
        if ((cell.outputs ?? []).length > 0 || cell.execution_count !== null || cell.metadata?.execution !== undefined) {
          problems.push(`${where(index)} has outputs, an execution count or run timings: run \`node notebooks/check-outputs.mjs clear ${file}\``);
        }
      }
    } else {
      const numbered = [];
      for (const { cell, index } of code) {
        const outputs = cell.outputs ?? [];
        if (!Number.isInteger(cell.execution_count)) problems.push(`${where(index)} did not run`);
        for (const o of outputs.filter((o) => o.output_type === "error")) {
          problems.push(`${where(index)} failed: ${o.ename}: ${o.evalue}`);
        }
        if (isChart(cell) && !outputs.some((o) => svgOf(o).trimStart().startsWith("<svg"))) {
          problems.push(`${where(index)} is a chart cell but produced no image/svg+xml output`);
        }
        if (DISPLAYS.test(text(cell.source)) && outputs.length === 0) problems.push(`${where(index)} shows something but has no output`);
        for (const o of outputs) {
          const n = o.metadata?.infersim?.output;
          if (n !== undefined) numbered.push({ n, index });
        }
      }
      const gap = numbered.findIndex(({ n }, i) => n !== i + 1);
      if (gap >= 0) {
        const { n, index } = numbered[gap];
        problems.push(`${where(index)}: output numbered ${n} where ${gap + 1} was expected: an output was lost on the way`);
      }
    }
  }
  if (problems.length === 0) {
    console.log(`ok   ${basename(file)} (${mode})`);
  } else {
    failures++;
    console.error(`FAIL ${file} (${mode})`);
    for (const p of problems) console.error(`     ${p}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
