#!/usr/bin/env node
// Type-checks the code of every notebook, strictly (the compiler options of deno.json), with Deno's checker:
// the Jupyter kernel runs cells without checking them, so an API change would otherwise surface only as a
// runtime error, or not at all.
//
//   node notebooks/typecheck.mjs [FILE.ipynb...]      (default: notebooks/*.ipynb)
//
// Each notebook's code cells, in order, become one module in a temporary directory (relative imports rewritten
// to this folder), so a name declared twice, a wrong type or a missing import fails like in a .ts file. Errors
// point at that module; its "// cell N" comments give the notebook cell.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(here).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(here, f));
const text = (source) => (Array.isArray(source) ? source.join("") : (source ?? ""));

const dir = mkdtempSync(join(tmpdir(), "infersim-notebooks-"));
try {
  const modules = files.map((file) => {
    const nb = JSON.parse(readFileSync(file, "utf8"));
    const body = nb.cells
      .map((cell, index) => ({ cell, index }))
      .filter(({ cell }) => cell.cell_type === "code")
      .map(({ cell, index }) => `// cell ${index}\n${text(cell.source)}\n`)
      .join("\n")
      .replace(/(from\s+|import\s*\(\s*)(["'])(\.\.?\/[^"']+)\2/g, (_, lead, quote, spec) => `${lead}${quote}${pathToFileURL(resolve(dirname(resolve(file)), spec)).href}${quote}`);
    const module = join(dir, `${basename(file, ".ipynb")}.ts`);
    writeFileSync(module, `${body}\nexport {};\n`);
    return module;
  });
  const deno = join(root, "node_modules", ".bin", "deno");
  // --config: the repository's deno.json (strict options; npm packages from node_modules via package.json).
  const run = spawnSync(deno, ["check", "--quiet", "--config", join(root, "deno.json"), ...modules], { cwd: root, stdio: "inherit" });
  if (run.error !== undefined) throw run.error;
  if (run.status !== 0) {
    console.error(`typecheck: errors in the notebooks' code (modules in ${dir}, kept for reading)`);
    process.exit(1);
  }
  console.log(`typecheck: ok (${files.map((f) => basename(f)).join(", ")})`);
  rmSync(dir, { recursive: true, force: true });
} catch (e) {
  console.error(`typecheck: ${e.message}`);
  process.exit(1);
}
