export type ConsumerCounter =
  'received' | 'processed' | 'duplicates' | 'ignored' | 'retries' | 'deadLettered';

/** Counts what a consumer did, for logs, health endpoints and invariant checks. */
export class ConsumerStats {
  private readonly counters = new Map<ConsumerCounter, number>();

  count(counter: ConsumerCounter, by = 1): void {
    this.counters.set(counter, this.get(counter) + by);
  }

  get(counter: ConsumerCounter): number {
    return this.counters.get(counter) ?? 0;
  }

  snapshot(): Record<ConsumerCounter, number> {
    return {
      received: this.get('received'),
      processed: this.get('processed'),
      duplicates: this.get('duplicates'),
      ignored: this.get('ignored'),
      retries: this.get('retries'),
      deadLettered: this.get('deadLettered'),
    };
  }
}
