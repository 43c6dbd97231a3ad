import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../errors.ts";

/** Refuse to reuse an output directory unless `force`: checked before any work starts. */
export function checkOutputDir(dir: string, force: boolean): void {
  if (existsSync(dir) && !force) {
    throw new InputError(`output directory ${dir} exists; choose another --out or pass --force to replace it`);
  }
}

/**
 * An output directory written whole or not at all: files go into a temporary sibling directory, which `commit`
 * renames into place (replacing an existing one only with `force`); `abort` removes it.
 */
export class AtomicDir {
  readonly temp: string;
  private readonly target: string;
  private readonly parent: string;
  private readonly stamp: string;

  constructor(dir: string, force: boolean) {
    this.target = resolve(dir);
    checkOutputDir(this.target, force);
    this.parent = dirname(this.target);
    mkdirSync(this.parent, { recursive: true });
    this.stamp = `${process.pid}-${Math.floor(performance.now())}`;
    this.temp = join(this.parent, `.${basename(this.target)}.tmp-${this.stamp}`);
    rmSync(this.temp, { recursive: true, force: true });
    mkdirSync(this.temp);
  }

  /** The path of a file inside the temporary directory (its folders created). */
  path(name: string): string {
    const path = join(this.temp, name);
    mkdirSync(dirname(path), { recursive: true });
    return path;
  }

  write(name: string, content: string | Uint8Array): void {
    writeFileSync(this.path(name), content);
  }

  commit(): void {
    if (existsSync(this.target)) {
      const old = join(this.parent, `.${basename(this.target)}.old-${this.stamp}`);
      renameSync(this.target, old);
      renameSync(this.temp, this.target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(this.temp, this.target);
    }
  }

  abort(): void {
    rmSync(this.temp, { recursive: true, force: true });
  }
}

/**
 * Write a set of files as one directory, whole or not at all: everything goes into a temporary sibling
 * directory first, which is renamed into place only when every file is written.
 */
export function writeDirAtomically(dir: string, files: ReadonlyMap<string, string | Uint8Array>, force: boolean): void {
  const out = new AtomicDir(dir, force);
  try {
    for (const [name, content] of files) out.write(name, content);
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
}
