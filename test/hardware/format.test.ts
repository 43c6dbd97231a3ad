import { describe, expect, it } from "vitest";
import { formatCount, formatGB } from "../../hardware/format.ts";

describe("message formatting", () => {
  it("groups thousands the same on every machine", () => {
    expect(formatCount(131072)).toBe("131,072");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(-1234567)).toBe("-1,234,567");
  });

  it("prints gigabytes with at most three significant figures", () => {
    expect(formatGB(141.1e9)).toBe("141");
    expect(formatGB(70.56e9)).toBe("70.6");
    expect(formatGB(2.25e9)).toBe("2.25");
    expect(formatGB(0.054e9)).toBe("0.054");
    expect(formatGB(80e9)).toBe("80");
  });
});
