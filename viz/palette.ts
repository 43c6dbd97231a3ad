import type { SymbolType } from "d3";
import { symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye } from "d3";

/** Okabe & Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/). */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** Neutral inks for frames, grids and annotations. */
export const INK = {
  text: "#1a1a1a",
  muted: "#555555",
  axis: "#333333",
  grid: "#e3e3e3",
  faint: "#f2f2f2",
  background: "#ffffff",
} as const;

/** Series colours in order (yellow left out: too pale on white). */
const COLORS = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
] as const;

/** Dash patterns ("" is solid), distinct in greyscale. */
const DASHES = ["", "7 3", "2 2", "9 3 2 3", "1 3", "12 4", "5 2 1 2"] as const;

export type MarkerName = "circle" | "square" | "triangle" | "diamond" | "cross" | "star" | "wye";
const MARKERS: readonly MarkerName[] = ["circle", "square", "triangle", "diamond", "cross", "star", "wye"];

export const SYMBOLS: Readonly<Record<MarkerName, SymbolType>> = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
  cross: symbolCross,
  star: symbolStar,
  wye: symbolWye,
};

/** How series number `i` is drawn: colour, dash and marker all differ, so it survives greyscale. */
export interface SeriesStyle {
  readonly color: string;
  readonly dash: string;
  readonly marker: MarkerName;
}

export function seriesStyle(i: number): SeriesStyle {
  const n = COLORS.length;
  const k = ((i % n) + n) % n;
  const round = Math.floor(i / n);
  return {
    color: COLORS[k]!,
    dash: DASHES[(k + round) % DASHES.length]!,
    marker: MARKERS[(k + round) % MARKERS.length]!,
  };
}
