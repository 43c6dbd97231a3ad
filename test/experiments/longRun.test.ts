import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The heap the day-long run gets: keeping every request of the day needs more than this. */
const HEAP_LIMIT_MB = 128;
const script = join(import.meta.dirname, "..", "fixtures", "longRun", "dayLong.ts");

function dayLong(keep: boolean): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, "--import", "tsx", script, "24", ...(keep ? ["keep"] : [])], {
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("a long run", () => {
  it("a 24-hour simulated diurnal day completes in bounded memory when request rows are streamed", { timeout: 300_000 }, () => {
    const r = dayLong(false);
    expect(r.stderr).not.toContain("heap out of memory");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(out.simulatedHours).toBeGreaterThanOrEqual(24);
    expect(out.arrived).toBeGreaterThan(500_000);
    expect(Number(out.completed) + Number(out.rejected) + Number(out.inFlight)).toBe(out.arrived);
    expect(out.rows).toBe(out.arrived);
    expect(out.kept).toBe(0);
    expect(out.percentiles).toBe("sketch");
  });

  it("the same day keeping every request does not fit that heap (so the limit is a real bound)", { timeout: 300_000 }, () => {
    const r = dayLong(true);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("heap out of memory");
  });
});
