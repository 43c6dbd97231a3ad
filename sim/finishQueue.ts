/**
 * The members of a decode stretch by the step in which they finish: a binary min-heap of (step, member index).
 * The finishers of a step come out in member order, and the next step in which any finishes is at the top, so
 * a finish costs O(log n), not a pass over the members that go on.
 */
export class FinishQueue {
  private readonly steps: number[] = [];
  private readonly members: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The earliest step in which a member finishes (Infinity when none is queued). */
  get nextStep(): number {
    return this.count > 0 ? this.steps[0]! : Number.POSITIVE_INFINITY;
  }

  clear(): void {
    this.count = 0;
  }

  /** Member `member` finishes in step `step`. */
  push(step: number, member: number): void {
    let i = this.count++;
    const steps = this.steps;
    const members = this.members;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ps = steps[parent]!;
      if (ps < step || (ps === step && members[parent]! < member)) break;
      steps[i] = ps;
      members[i] = members[parent]!;
      i = parent;
    }
    steps[i] = step;
    members[i] = member;
  }

  /** Take out the member that finishes first (the lowest index among those of the same step). */
  pop(): number {
    if (this.count === 0) throw new Error("internal: pop from an empty finish queue");
    const steps = this.steps;
    const members = this.members;
    const top = members[0]!;
    const n = --this.count;
    const step = steps[n]!;
    const member = members[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (steps[right]! < steps[child]! || (steps[right] === steps[child] && members[right]! < members[child]!))) {
        child = right;
      }
      const cs = steps[child]!;
      if (step < cs || (step === cs && member < members[child]!)) break;
      steps[i] = cs;
      members[i] = members[child]!;
      i = child;
    }
    steps[i] = step;
    members[i] = member;
    return top;
  }
}
