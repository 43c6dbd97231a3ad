/** Allocates consecutive integer ids. One per Simulation: never a global or static counter. */
export class IdAllocator {
  private nextId = 0;

  next(): number {
    return this.nextId++;
  }

  /** How many ids were handed out. */
  get count(): number {
    return this.nextId;
  }
}
