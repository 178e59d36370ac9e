/**
 * A doorbell for polling loops: `wait(ms)` resolves after ms or as soon as `wake()` rings.
 * A ring while nobody waits is remembered, so a wake-up between two checks is never lost.
 */
export class Wakeup {
  private pending = false;
  private resolve: (() => void) | undefined;

  wake(): void {
    if (this.resolve === undefined) {
      this.pending = true;
      return;
    }
    const resolve = this.resolve;
    this.resolve = undefined;
    resolve();
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.resolve = undefined;
        resolve();
      }, ms);
      this.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
