import { backoffDelay } from '../support/backoff.js';
import { silentLogger, type Logger } from '../support/logger.js';
import { Wakeup } from '../support/wakeup.js';
import type { Db } from '../sql/database.port.js';
import { dueHeads, type ParkedEvent } from './parking-lot.js';

export interface DelayedRetryPollerOptions {
  readonly db: Db;
  readonly schema: string;
  /** The consumers (inbox keys) whose parked events this poller retries. */
  readonly consumers: readonly string[];
  /** Tries one parked event; answers whether it left the lot (applied or dead-lettered). */
  readonly retry: (row: ParkedEvent) => Promise<boolean>;
  /** The longest the poller sleeps between looks. Default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Most parked events looked at per round. Default 50. */
  readonly batchSize?: number;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

/**
 * Retries parked events when they fall due: each round takes the first parked event of every
 * key that is due, and tries them one after another; when one leaves the lot, the next of its
 * key is due at once. Parked events live in the database, so those of a process that died are
 * retried by the next one to start; any number of pollers may share a schema (a try locks its
 * row and skips one another poller holds).
 */
export class DelayedRetryPoller {
  private readonly wakeup = new Wakeup();
  private readonly logger: Logger;
  private readonly now: () => Date;
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: DelayedRetryPollerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.loop !== undefined || this.options.consumers.length === 0) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Something was parked or released here: look again now rather than at the next poll. */
  poke(): void {
    this.wakeup.wake();
  }

  /** Finishes the try in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** One round: tries what is due; answers how many left the lot. */
  async retryDue(): Promise<number> {
    const { db, schema, consumers } = this.options;
    const heads = await dueHeads(db, schema, consumers, this.now(), this.options.batchSize ?? 50);
    let released = 0;
    for (const head of heads) {
      if (this.stopping) break;
      if (await this.options.retry(head)) released += 1;
    }
    return released;
  }

  private async run(): Promise<void> {
    const poll = this.options.pollIntervalMs ?? 500;
    let failures = 0;
    while (!this.stopping) {
      try {
        const released = await this.retryDue();
        failures = 0;
        // The next event of a released key is due now.
        if (released > 0) continue;
        await this.wakeup.wait(poll);
      } catch (error) {
        failures += 1;
        const delayMs = backoffDelay(failures, { initialMs: 100, maxMs: 10_000 });
        this.logger.warn('delayed retries failed; trying again', { error: String(error), delayMs });
        await this.wakeup.wait(delayMs);
      }
    }
  }
}
