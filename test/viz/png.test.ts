import { describe, expect, it } from "vitest";
import { svgToPng } from "../../viz/index.ts";
import { CHART_CASES } from "./allCharts.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("svgToPng", () => {
  it("rasterises a chart to a PNG of the SVG's size", () => {
    const svg = CHART_CASES[0]!.render();
    const png = svgToPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const width = Number(/width="([\d.]+)"/.exec(svg)![1]);
    expect(pngSize(png).width).toBe(width);
  });

  it("scales to a requested width, keeping the aspect ratio", () => {
    const svg = CHART_CASES[1]!.render();
    const a = pngSize(svgToPng(svg));
    const b = pngSize(svgToPng(svg, { widthPx: a.width * 2 }));
    expect(b.width).toBe(a.width * 2);
    expect(Math.abs(b.height - a.height * 2)).toBeLessThanOrEqual(1);
  });
});
