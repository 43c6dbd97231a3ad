import { describe, expect, it } from "vitest";
import { csvNumber, parseCsv, parseCsvRows } from "../../../experiments/report/parseCsv.ts";
import { toCsv } from "../../../experiments/results/csv.ts";

describe("parseCsv", () => {
  it("reads back what toCsv writes: quotes, commas, newlines and exact numbers", () => {
    const rows = [
      { id: 1, note: 'a "quoted", text', x: 0.1 + 0.2 },
      { id: 2, note: "two\nlines", x: Number.NaN },
    ];
    const parsed = parseCsv(toCsv(rows, ["id", "note", "x"]));
    expect(parsed).toEqual([
      { id: "1", note: 'a "quoted", text', x: "0.30000000000000004" },
      { id: "2", note: "two\nlines", x: "" },
    ]);
    expect(csvNumber(parsed[0]!.x)).toBe(0.1 + 0.2);
    expect(csvNumber(parsed[1]!.x)).toBeNaN();
  });

  it("accepts CRLF line ends and a missing final newline", () => {
    expect(parseCsvRows("a,b\r\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});
