import { describe, expect, it } from "vitest";
import { catalogText } from "../../experiments/cli/catalog.ts";
import { DEVICE_NAMES } from "../../hardware/devices/catalog.ts";
import { MODEL_NAMES } from "../../hardware/models/catalog.ts";

// Lives under test/hardware while experiments/cli/catalog.ts belongs to the hardware issue.

function rows(text: string): string[] {
  return text.trimEnd().split("\n");
}

describe("the catalog tables of `infersim catalog`", () => {
  it("lists every device with its key figures, one aligned row each", () => {
    const lines = rows(catalogText("devices"));
    expect(lines).toHaveLength(2 + DEVICE_NAMES.length);
    expect(lines[0]).toMatch(/^device\s+class\s+memory GB\s+bandwidth TB\/s\s+BF16 TFLOP\/s\s+FP8 TFLOP\/s\s+INT8 TOPS\s+TDP W/);
    const h100 = lines.find((l) => l.startsWith("h100-sxm "))!;
    expect(h100.split(/\s{2,}/)).toEqual(["h100-sxm", "gpu", "80", "3.35", "989", "1,979", "1,979", "700", "8"]);
    expect(lines.find((l) => l.startsWith("groq-lpu "))).toContain("0.23 SRAM");
  });

  it("lists every model with parameters, KV size and context", () => {
    const lines = rows(catalogText("models"));
    expect(lines).toHaveLength(2 + MODEL_NAMES.length);
    const mixtral = lines.find((l) => l.startsWith("mixtral-8x7b "))!;
    expect(mixtral.split(/\s{2,}/)).toEqual(["mixtral-8x7b", "46.70", "12.88", "32", "128.0", "32,768", "GQA 32/8", "2 of 8"]);
    expect(lines.find((l) => l.startsWith("deepseek-v3 "))).toContain("MLA");
  });
});
