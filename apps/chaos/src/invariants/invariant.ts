import type { StockRow } from '../books/stock.js';
import type { Poison } from '../faults/poison-message.js';
import type { ServiceHandler } from '../settle/service-handlers.js';

/** The verdict on one invariant, with the numbers behind it. */
export interface InvariantResult {
  readonly name: string;
  readonly ok: boolean;
  readonly counts: Readonly<Record<string, number>>;
  /** What broke it (the first ones, then how many more). */
  readonly failures: readonly string[];
}

/** What only the harness knows: where the run started from and what it injected. */
export interface RunFacts {
  /** Stock per SKU once the run was set up, before the first order. */
  readonly initialStock: ReadonlyMap<string, StockRow>;
  /** Every order id the gateway accepted (202). */
  readonly accepted: readonly string[];
  readonly poisons: readonly Poison[];
  /** Every service's handlers: which consumer takes which event type from which topic. */
  readonly handlers: readonly ServiceHandler[];
}

const SHOWN = 15;

/** Collects one invariant's counts and failures. */
export class Verdict {
  readonly counts: Record<string, number> = {};
  private readonly failures: string[] = [];
  private failed = 0;

  constructor(readonly name: string) {}

  count(name: string, by = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + by;
  }

  fail(message: string): void {
    this.failed += 1;
    if (this.failures.length < SHOWN) this.failures.push(message);
  }

  /** Fails with `message` unless `holds`. */
  expect(holds: boolean, message: () => string): void {
    if (!holds) this.fail(message());
  }

  result(): InvariantResult {
    const more = this.failed - this.failures.length;
    return {
      name: this.name,
      ok: this.failed === 0,
      counts: this.counts,
      failures: more > 0 ? [...this.failures, `…and ${String(more)} more`] : this.failures,
    };
  }
}

/** How many times each key occurs. */
export function tally<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
