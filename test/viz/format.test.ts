import { describe, expect, it } from "vitest";
import { escapeXml, formatCount, formatJoules, formatMs, formatMw, formatSignedPct, formatUsd } from "../../viz/index.ts";
import { distinctLabels, formatMsIn, formatSeconds, timeUnitFor } from "../../viz/format.ts";

describe("number formats", () => {
  it("writes milliseconds below a second and seconds from one second", () => {
    expect(formatMs(350)).toBe("350 ms");
    expect(formatMs(12.345)).toBe("12.3 ms");
    expect(formatMs(1000)).toBe("1 s");
    expect(formatMs(2500)).toBe("2.5 s");
    expect(timeUnitFor(999)).toBe("ms");
    expect(formatMsIn("s")(250)).toBe("0.25 s");
  });

  it("abbreviates thousands and millions", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(350)).toBe("350");
    expect(formatCount(1200)).toBe("1.2k");
    expect(formatCount(3_400_000)).toBe("3.4M");
    expect(formatCount(0.25)).toBe("0.25");
  });

  it("formats money, megawatts, joules and signed percentages", () => {
    expect(formatUsd(12)).toBe("$12");
    expect(formatUsd(1500)).toBe("$1.5k");
    expect(formatUsd(2e9)).toBe("$2B");
    expect(formatMw(0.034)).toBe("0.034");
    expect(formatJoules(0)).toBe("0 J");
    expect(formatJoules(350)).toBe("350 J");
    expect(formatJoules(4.5e6)).toBe("4.5 MJ");
    expect(formatSignedPct(12.1)).toBe("+12.1%");
    expect(formatSignedPct(-3)).toBe("−3%");
    expect(formatSignedPct(0)).toBe("0%");
  });
});

describe("distinctLabels", () => {
  it("adds digits only when ticks would otherwise print alike", () => {
    expect(distinctLabels([0, 500, 1000], formatCount)).toEqual(["0", "500", "1k"]);
    expect(distinctLabels([10, 10.05, 10.1], formatSeconds)).toEqual(["10 s", "10.05 s", "10.1 s"]);
    expect(distinctLabels([1000, 1001, 1002], formatCount)).toEqual(["1k", "1.001k", "1.002k"]);
  });
});

describe("escapeXml", () => {
  it("escapes markup characters and quotes", () => {
    expect(escapeXml(`<script>alert("x") & 'y'</script>`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;",
    );
  });

  it("drops characters that XML forbids but keeps tabs, newlines and non-ASCII text", () => {
    expect(escapeXml("a\u0000b\u0008c\td\ne ≤ 1 s 🚀")).toBe("abc\td\ne ≤ 1 s 🚀");
    expect(escapeXml("lone \uD800 surrogate")).toBe("lone  surrogate");
  });
});
