import { silentLogger, type Logger } from '../support/logger.js';
import { PollLoop } from '../support/poll-loop.js';
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
  private readonly loop: PollLoop;
  private readonly now: () => Date;

  constructor(private readonly options: DelayedRetryPollerOptions) {
    this.now = options.now ?? (() => new Date());
    const poll = options.pollIntervalMs ?? 500;
    this.loop = new PollLoop({
      // The next event of a released key is due now.
      round: async () => ((await this.retryDue()) > 0 ? 0 : poll),
      failureMessage: 'delayed retries failed; trying again',
      logger: options.logger ?? silentLogger,
    });
  }

  start(): void {
    if (this.options.consumers.length > 0) this.loop.start();
  }

  /** Something was parked or released here: look again now rather than at the next poll. */
  poke(): void {
    this.loop.wake();
  }

  /** Finishes the try in flight. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One round: tries what is due; answers how many left the lot. */
  async retryDue(): Promise<number> {
    const { db, schema, consumers } = this.options;
    const heads = await dueHeads(db, schema, consumers, this.now(), this.options.batchSize ?? 50);
    let released = 0;
    for (const head of heads) {
      if (this.loop.stopRequested) break;
      if (await this.options.retry(head)) released += 1;
    }
    return released;
  }
}
