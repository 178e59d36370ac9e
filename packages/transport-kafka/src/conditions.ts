/**
 * Promises that resolve when a condition over some state holds: `until` checks at once and
 * again on every `changed()`, and rejects as soon as `abort()` names a reason to stop waiting.
 */
export class Conditions {
  private waiting: (() => boolean)[] = [];

  constructor(private readonly abort: () => Error | undefined) {}

  until(condition: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const settled = (): boolean => {
        const reason = this.abort();
        if (reason !== undefined) reject(reason);
        else if (condition()) resolve();
        else return false;
        return true;
      };
      if (!settled()) this.waiting.push(settled);
    });
  }

  /** To call after the state changed. */
  changed(): void {
    this.waiting = this.waiting.filter((settled) => !settled());
  }
}
