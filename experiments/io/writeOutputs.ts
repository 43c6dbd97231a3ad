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
 * Write a set of files as one directory, whole or not at all: everything goes into a temporary sibling
 * directory first, which is renamed into place only when every file is written.
 */
export function writeDirAtomically(dir: string, files: ReadonlyMap<string, string | Uint8Array>, force: boolean): void {
  const target = resolve(dir);
  checkOutputDir(target, force);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Math.floor(performance.now())}`;
  const temp = join(parent, `.${basename(target)}.tmp-${stamp}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  try {
    for (const [name, content] of files) {
      const path = join(temp, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    if (existsSync(target)) {
      const old = join(parent, `.${basename(target)}.old-${stamp}`);
      renameSync(target, old);
      renameSync(temp, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, target);
    }
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
}
