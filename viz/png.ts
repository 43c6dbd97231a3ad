import { Resvg } from "@resvg/resvg-js";

export interface PngOptions {
  /** Output width in pixels (the height keeps the aspect ratio); default: the SVG's own width. */
  readonly widthPx?: number;
}

/**
 * Rasterises an SVG string to PNG bytes with resvg, using DejaVu Sans (Debian's fonts-dejavu-core) as the
 * default font. Not pure: it reads the system's fonts.
 */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { defaultFontFamily: "DejaVu Sans", loadSystemFonts: true },
    background: "white",
    ...(options.widthPx !== undefined ? { fitTo: { mode: "width" as const, value: options.widthPx } } : {}),
  });
  return new Uint8Array(resvg.render().asPng());
}
