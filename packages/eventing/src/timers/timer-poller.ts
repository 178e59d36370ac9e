import { silentLogger, type Logger } from '../support/logger.js';
import { PollLoop } from '../support/poll-loop.js';
import type { Db, Notifier } from '../sql/database.port.js';
import { fireDueTimers, nextDueAt } from './fire-due-timers.js';
import { timerChannel } from './timer-table.js';

/** How soon to look again at a due timer that another transaction holds. */
const LOCKED_RETRY_MS = 100;

export interface TimerPollerOptions {
  readonly db: Db;
  readonly schema: string;
  /** The service the fired events come from. */
  readonly service: string;
  /** Wakes the poller when a timer is scheduled (it may be due before the next poll). */
  readonly notifier?: Notifier;
  /** The longest the poller sleeps, even when no timer is due sooner. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Most timers fired in one transaction. Default 100. */
  readonly batchSize?: number;
  readonly logger?: Logger;
  /** The clock timers are due by. Default the system clock. */
  readonly now?: () => Date;
}

/**
 * Fires a service's due timers: each becomes an event in the outbox, in the transaction that
 * marks it fired (see fireDueTimers). It sleeps until the next timer is due, at most
 * pollIntervalMs, and wakes when one is scheduled. Timers live in the database, so they
 * survive restarts: a timer that fell due while no poller ran fires at the next start. Any
 * number of pollers may run on one schema.
 */
export class TimerPoller {
  private readonly loop: PollLoop;
  private readonly now: () => Date;
  private unlisten: (() => Promise<void>) | undefined;
  private fired = 0;

  constructor(private readonly options: TimerPollerOptions) {
    this.now = options.now ?? (() => new Date());
    this.loop = new PollLoop({
      round: () => this.round(),
      failureMessage: 'timer poller failed; retrying',
      logger: options.logger ?? silentLogger,
    });
  }

  /** Timers this poller has fired since it started. */
  get firedCount(): number {
    return this.fired;
  }

  async start(): Promise<void> {
    if (this.loop.running) return;
    if (this.options.notifier !== undefined) {
      this.unlisten = await this.options.notifier.listen(timerChannel(this.options.schema), () =>
        this.loop.wake(),
      );
    }
    this.loop.start();
  }

  /** Finishes the batch in flight; what is still due fires at the next start, here or elsewhere. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  /** Fires one batch of due timers; answers how many fired. */
  async fireOnce(): Promise<number> {
    const count = await fireDueTimers(this.options.db, {
      schema: this.options.schema,
      service: this.options.service,
      now: this.now(),
      limit: this.options.batchSize ?? 100,
    });
    this.fired += count;
    return count;
  }

  /** Fires what is due; answers how long to sleep: until the next timer, at most a poll. */
  private async round(): Promise<number> {
    const poll = this.options.pollIntervalMs ?? 1000;
    // More may have fallen due meanwhile (or not fit in the batch): look again at once.
    if ((await this.fireOnce()) > 0) return 0;
    const next = await nextDueAt(this.options.db, this.options.schema);
    const untilNext = next === undefined ? poll : next.getTime() - this.now().getTime();
    // Due but not fired: another poller, or a transaction cancelling it, holds its row.
    return Math.min(poll, untilNext > 0 ? untilNext : LOCKED_RETRY_MS);
  }
}
