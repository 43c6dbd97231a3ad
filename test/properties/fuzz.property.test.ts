import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolvePools } from "../../experiments/assemble.ts";
import { InputError } from "../../experiments/errors.ts";
import { parseScenario } from "../../experiments/run/runScenario.ts";
import { DEFAULT_SCENARIO } from "../../experiments/scenarios/default.ts";
import { parseTrace } from "../../experiments/workload/trace.ts";

/** Runs `f`; passes if it returns or throws an InputError (a clean validation error); fails on anything else. */
function cleanly(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
  }
}

/** Replace the value at a random path of a JSON-like object with `value`. */
function mutate(base: unknown, pathPick: number[], value: unknown): unknown {
  const root: unknown = structuredClone(base);
  let node = root as Record<string, unknown>;
  for (let depth = 0; depth < pathPick.length; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[pathPick[depth]! % keys.length]!;
    const child = node[key];
    if (depth === pathPick.length - 1 || child === null || typeof child !== "object") {
      node[key] = value;
      break;
    }
    node = child as Record<string, unknown>;
  }
  return root;
}

const anyJson = fc.jsonValue({ maxDepth: 3 });

describe("fuzzing the scenario parser", () => {
  it("answers any JSON value with a scenario or a clean validation error", () => {
    fc.assert(
      fc.property(anyJson, (input) => {
        cleanly(() => resolvePools(parseScenario(input)));
      }),
      { numRuns: 300 },
    );
  });

  it("answers mutations of a valid scenario with a scenario or a clean validation error", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), anyJson, (path, value) => {
        cleanly(() => resolvePools(parseScenario(mutate(DEFAULT_SCENARIO, path, value))));
      }),
      { numRuns: 500 },
    );
  });
});

const azureHeader = "TIMESTAMP,ContextTokens,GeneratedTokens";
const goodRow = fc
  .tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 1, max: 9000 }), fc.integer({ min: 1, max: 2000 }))
  .map(([s, p, o]) => `2023-11-16 18:15:${String(s).padStart(2, "0")}.1234567,${p},${o}`);

describe("fuzzing the trace parser", () => {
  for (const format of ["azure", "csv", "jsonl"] as const) {
    it(`answers random ${format} text with a trace or a clean error naming the file`, () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), fc.boolean(), (text, skipBadRows) => {
          try {
            parseTrace(text, "fuzz.txt", format, { skipBadRows });
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
            expect((e as Error).message).toContain("fuzz.txt");
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it("answers an Azure trace with mutated rows with a trace or an error naming the line", () => {
    fc.assert(
      fc.property(
        fc.array(goodRow, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.string({ maxLength: 40 }),
        (rows, which, garbage) => {
          const lines = [azureHeader, ...rows];
          lines[1 + (which % rows.length)] = garbage;
          try {
            parseTrace(lines.join("\n"), "t.csv", "azure", { skipBadRows: false });
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
            expect((e as Error).message).toMatch(/t\.csv( line \d+)?:/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
