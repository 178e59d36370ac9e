export type ConsumerCounter =
  | 'received'
  | 'processed'
  | 'duplicates'
  | 'ignored'
  | 'retries'
  | 'deadLettered'
  /** Failed its in-place tries and was parked for delayed ones. */
  | 'parked'
  /** Parked behind an earlier parked event of its key, without being tried. */
  | 'parkedBehind'
  /** Delayed tries that failed and were scheduled again. */
  | 'delayedRetries'
  /** Left the parking lot, applied (or found already applied). */
  | 'released';

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
      parked: this.get('parked'),
      parkedBehind: this.get('parkedBehind'),
      delayedRetries: this.get('delayedRetries'),
      released: this.get('released'),
    };
  }
}
