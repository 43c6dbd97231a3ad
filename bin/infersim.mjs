#!/usr/bin/env node
// @ts-check
// The CLI. It runs from a bundle of the TypeScript sources, built on first use and whenever a source changes
// (cliBundle.mjs), so a fresh clone needs no build step; INFERSIM_BUNDLE=0 runs the sources through tsx.
import { loadMain } from "./cliBundle.mjs";

const argv = process.argv.slice(2);
// With --debug, an internal error's stack names the TypeScript sources (the bundle has a source map).
if (argv.includes("--debug")) process.setSourceMapsEnabled(true);
const { main, how } = await loadMain(process.env);
if (process.env.INFERSIM_BUNDLE_TRACE === "1") process.stderr.write(`infersim: loaded from ${how}\n`);
process.exitCode = await main(argv);
