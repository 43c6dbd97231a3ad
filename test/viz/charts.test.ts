import { describe, expect, it } from "vitest";
import { CHART_CASES } from "./allCharts.ts";
import { assertStandaloneSvg, maxDecimals, tags, texts } from "./svgCheck.ts";

const HOSTILE = `<script>alert("x")</script> & 'quotes'`;

describe.each(CHART_CASES)("$name chart", (c) => {
  it("is a standalone, well-formed SVG with the default title", () => {
    const svg = c.render();
    assertStandaloneSvg(svg);
    expect(texts(svg)).toContain(c.title);
    expect(svg).toContain(`<title>${c.title.replace(/&/g, "&amp;")}</title>`);
  });

  it("matches its snapshot", async () => {
    await expect(c.render()).toMatchFileSnapshot(`./__snapshots__/${c.name}.svg`);
  });

  it("is deterministic", () => {
    expect(c.render()).toBe(c.render());
  });

  it("rounds every number to at most 2 decimals", () => {
    expect(maxDecimals(c.render())).toBeLessThanOrEqual(2);
  });

  it("draws at least one non-empty path", () => {
    const paths = tags(c.render(), "path").filter((t) => /\sd="M[^"]+"/.test(t));
    expect(paths.length).toBeGreaterThan(0);
  });

  it("renders a titled 'no data' SVG for empty input instead of throwing", () => {
    const svg = c.empty();
    assertStandaloneSvg(svg);
    expect(texts(svg)).toContain("no data");
  });

  it("escapes markup in labels", () => {
    const svg = c.hostile(HOSTILE);
    assertStandaloneSvg(svg);
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;");
    expect(texts(svg).some((t) => t.includes(HOSTILE))).toBe(true);
  });
});
