// Self costs per function from a callgrind profile written with `--dump-instr=yes`, with V8's generated code
// named from the `--perf-basic-prof` map node writes beside it (/tmp/perf-<pid>.map: start, size and name of
// each piece of code V8 made). Callgrind itself sees that code as nameless addresses.

/** Callgrind's events, in the order `bench/misses.ts` asks for them. */
export const EVENTS = ["Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw"] as const;
export type Costs = Record<(typeof EVENTS)[number], number>;

const zero = (): Costs => ({ Ir: 0, Dr: 0, Dw: 0, I1mr: 0, D1mr: 0, D1mw: 0, ILmr: 0, DLmr: 0, DLmw: 0 });

interface CodeRange {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/**
 * Where each module of an esbuild bundle starts: esbuild heads each with a `// path` comment line. Returns the
 * module a (1-based) line of the bundle belongs to.
 */
export function bundleModules(bundle: string): (line: number) => string | undefined {
  const starts: { line: number; path: string }[] = [];
  bundle.split("\n").forEach((text, i) => {
    const m = /^\/\/ ((?:[\w@.-]+\/)*[\w@.-]+\.[cm]?[jt]s)$/.exec(text);
    if (m !== null) starts.push({ line: i + 1, path: m[1]! });
  });
  return (line) => {
    let found: string | undefined;
    for (const s of starts) {
      if (s.line > line) break;
      found = s.path;
    }
    return found;
  };
}

/**
 * The ranges of a perf map, sorted by start and not overlapping. V8 reuses the space of code it dropped, so a
 * later line of the map replaces what earlier ones said of its addresses (costs of the dropped code there are
 * then counted to the code that replaced it). A function's `file:` location becomes its module where
 * `moduleOf` knows it (two methods of one name in two modules stay apart), else its line and column.
 */
export function parsePerfMap(text: string, moduleOf: (line: number) => string | undefined = () => undefined): CodeRange[] {
  let ranges: CodeRange[] = [];
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/i.exec(line);
    if (m === null) continue;
    const start = Number.parseInt(m[1]!, 16);
    const end = start + Number.parseInt(m[2]!, 16);
    if (end <= start) continue;
    const name = m[3]!.replace(/ file:\S*?:(\d+):(\d+)$/, (_, l: string, c: string) => {
      const module = moduleOf(Number(l));
      return module === undefined ? ` :${l}:${c}` : ` (${module})`;
    });
    // Cut what this range covers out of the earlier ones.
    const kept: CodeRange[] = [];
    for (const r of ranges) {
      if (r.end <= start || r.start >= end) kept.push(r);
      else {
        if (r.start < start) kept.push({ start: r.start, end: start, name: r.name });
        if (r.end > end) kept.push({ start: end, end: r.end, name: r.name });
      }
    }
    kept.push({ start, end, name });
    ranges = kept;
  }
  return ranges.sort((a, b) => a.start - b.start);
}

function nameAt(ranges: readonly CodeRange[], address: number): string | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (address < r.start) hi = mid - 1;
    else if (address >= r.end) lo = mid + 1;
    else return r.name;
  }
  return undefined;
}

/**
 * Self costs by function name. A function callgrind names only by address (V8's code) takes its name from the
 * map, instruction by instruction; what the map does not cover is "(unnamed code)". The cost lines after a
 * `calls=` line are a call's inclusive cost and are skipped.
 */
export function selfCosts(profile: string, ranges: readonly CodeRange[]): Map<string, Costs> {
  const names = new Map<string, string>();
  const costs = new Map<string, Costs>();
  let events: readonly string[] = [];
  /** Position columns before the events ("positions: instr line": the instruction's address, then its line). */
  let positions = 1;
  let fn = "(none)";
  let address = 0;
  let skipNext = false;
  for (const line of profile.split("\n")) {
    if (line.startsWith("positions:")) {
      positions = line.slice(10).trim().split(/\s+/).length;
      continue;
    }
    if (line.startsWith("events:")) {
      events = line.slice(7).trim().split(/\s+/);
      continue;
    }
    const named = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(line);
    if (named !== null) {
      // Callgrind tells recursion levels apart ("name'2"): counted as one function here.
      if (named[2] !== undefined) names.set(named[1]!, named[2].replace(/'\d+$/, ""));
      if (line.startsWith("fn=")) fn = names.get(named[1]!) ?? "(none)";
      continue;
    }
    if (line.startsWith("calls=")) {
      skipNext = true;
      continue;
    }
    const first = line.charAt(0);
    if (!(first === "+" || first === "-" || first === "*" || (first >= "0" && first <= "9"))) continue;
    const fields = line.split(" ");
    const position = fields[0]!;
    if (position.startsWith("0x")) address = Number.parseInt(position, 16);
    else if (position.startsWith("+")) address += Number.parseInt(position.slice(1), position.startsWith("+0x") ? 16 : 10);
    else if (position.startsWith("-")) address -= Number.parseInt(position.slice(1), position.startsWith("-0x") ? 16 : 10);
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const name = /^0x[0-9a-f]+$/i.test(fn) ? (nameAt(ranges, address) ?? "(unnamed code)") : fn;
    let c = costs.get(name);
    if (c === undefined) costs.set(name, (c = zero()));
    for (let k = 0; k < events.length; k++) {
      const event = events[k] as keyof Costs;
      const v = fields[positions + k];
      if (v !== undefined && event in c) c[event] += Number(v);
    }
  }
  return costs;
}
