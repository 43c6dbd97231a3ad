import { describe, expect, it } from "vitest";
import { renderReport } from "../../viz/index.ts";
import type { ReportInput } from "../../viz/index.ts";
import { formatReportNumber } from "../../viz/report.ts";
import { fullReportInput } from "./reportInput.ts";

const EMPTY: ReportInput = { title: "Empty", scenarioText: "", headline: [], charts: [], tables: [], generatedBy: "test" };

describe("renderReport", () => {
  it("is one HTML document with every chart inline", () => {
    const input = fullReportInput();
    const html = renderReport(input);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html.match(/<svg\b/g)).toHaveLength(input.charts.length);
    for (const c of input.charts) expect(html).toContain(`id="chart-${c.id}"`);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it("loads nothing from the network", () => {
    const html = renderReport(fullReportInput());
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it("escapes the title, headline, tables and scenario", () => {
    const html = renderReport({
      ...EMPTY,
      title: "<script>alert(1)</script>",
      scenarioText: "a: <b>",
      headline: [{ label: "<i>x</i>", value: "<u>1</u>", unit: "&" }],
      tables: [{ title: "t<", columns: ["<c>"], rows: [["<r>"]] }],
    });
    const body = html.slice(html.indexOf("<body>"), html.lastIndexOf("<script>"));
    expect(body).not.toMatch(/<(script|b|i|u|c|r)>/);
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).toContain("a: &lt;b&gt;");
  });

  it("gives sections unique ids even for clashing chart ids", () => {
    const html = renderReport({
      ...EMPTY,
      charts: [
        { id: "a b", title: "one", svg: "<svg></svg>" },
        { id: "a-b", title: "two", svg: "<svg></svg>" },
      ],
    });
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("chart-a-b");
    expect(ids).toContain("chart-a-b-2");
  });

  it("formats numbers in tables and cards and aligns them right", () => {
    const html = renderReport({ ...EMPTY, tables: [{ title: "n", columns: ["v"], rows: [[1234567], [0.000123456], [Number.NaN]] }] });
    expect(html).toContain('<td class="num">1,234,567</td>');
    expect(html).toContain('<td class="num">0.0001235</td>');
    expect(html).toContain('<td class="num">–</td>');
    expect(formatReportNumber(2412.5)).toBe("2,413");
  });

  it("renders empty input without throwing", () => {
    const html = renderReport(EMPTY);
    expect(html).toContain("<h1>Empty</h1>");
    expect(html).toContain("Scenario");
  });

  it("is deterministic", () => {
    expect(renderReport(fullReportInput())).toBe(renderReport(fullReportInput()));
  });
});
