import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../viz/index.ts";
import { fullReportInput } from "./reportInput.ts";

/** Debian's chromium; never a browser downloaded from npm. */
const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";
const INSTALL_HINT = "install it with `apt-get update && apt-get install -y chromium fonts-dejavu-core`";
const OUT_DIR = resolve(import.meta.dirname, "../../test-output");

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The little of the DOM the page check uses (the project's tsconfig has no DOM lib, on purpose). */
interface MiniElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number };
  closest(selector: string): { id: string } | null;
  querySelectorAll(selector: string): ArrayLike<MiniElement>;
}
interface MiniWindow {
  document: { querySelectorAll(selector: string): ArrayLike<MiniElement>; documentElement: { scrollHeight: number } };
  DOMParser: new () => { parseFromString(text: string, type: string): { querySelector(selector: string): unknown } };
}

interface PageFacts {
  readonly heightPx: number;
  readonly charts: readonly { id: string; paths: number; nonEmptyPaths: number; widthPx: number }[];
  readonly parseErrors: readonly string[];
}

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(`Skipping the browser test of the report: ${CHROMIUM} not found; ${INSTALL_HINT}.`);
}

describe("the HTML report in a real browser", () => {
  it.runIf(!HAVE_CHROMIUM && IN_CI)(`fails in CI when ${CHROMIUM} is missing`, () => {
    throw new Error(`${CHROMIUM} is missing but CI is set: the browser test must run in CI; ${INSTALL_HINT}.`);
  });

  it.skipIf(!HAVE_CHROMIUM)(
    HAVE_CHROMIUM
      ? "opens from disk with no errors, draws every chart and has a height"
      : `opens from disk with no errors (skipped: ${CHROMIUM} not found; ${INSTALL_HINT})`,
    async () => {
      await mkdir(OUT_DIR, { recursive: true });
      const dir = await mkdtemp(join(OUT_DIR, "viz-browser-"));
      const profile = await mkdtemp(join(OUT_DIR, "viz-profile-"));
      const input = fullReportInput();
      const file = join(dir, "report.html");
      await writeFile(file, renderReport(input));

      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        viewport: { width: 1280, height: 900 },
        offline: true,
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const problems: string[] = [];
        const external: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
        });
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("request", (r) => {
          if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) external.push(r.url());
        });

        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        const facts = await page.evaluate((svgs: string[]): PageFacts => {
          const win = globalThis as unknown as MiniWindow;
          const charts = Array.from(win.document.querySelectorAll("figure svg")).map((svg) => {
            const paths = Array.from(svg.querySelectorAll("path"));
            return {
              id: svg.closest("details")?.id ?? "?",
              paths: paths.length,
              nonEmptyPaths: paths.filter((p) => (p.getAttribute("d") ?? "").trim().length > 1).length,
              widthPx: svg.getBoundingClientRect().width,
            };
          });
          const parser = new win.DOMParser();
          const parseErrors = svgs.flatMap((s, i) =>
            parser.parseFromString(s, "image/svg+xml").querySelector("parsererror") === null ? [] : [`chart ${i}`],
          );
          return { heightPx: win.document.documentElement.scrollHeight, charts, parseErrors };
        }, input.charts.map((c) => c.svg));

        await page.screenshot({ path: join(OUT_DIR, "report.png"), fullPage: true });

        expect(problems).toEqual([]);
        expect(external).toEqual([]);
        expect(facts.parseErrors).toEqual([]);
        expect(facts.heightPx).toBeGreaterThan(0);
        expect(facts.charts.map((c) => c.id)).toEqual(input.charts.map((c) => `chart-${c.id}`));
        for (const c of facts.charts) {
          expect(c.nonEmptyPaths, c.id).toBeGreaterThan(0);
          expect(c.widthPx, c.id).toBeGreaterThan(0);
        }
        // Passed: the screenshot stays in test-output/report.png; the page is kept only when something failed.
        await rm(dir, { recursive: true, force: true });
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    },
  );
});
