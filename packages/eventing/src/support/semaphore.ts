/** Counts free slots; `acquire` waits for one, in arrival order. */
export class Semaphore {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {
    if (free < 1) throw new RangeError('a semaphore needs at least one slot');
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.free += 1;
  }
}
