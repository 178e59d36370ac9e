import { PollLoop, type SqlDatabase } from '@eventmart/eventing';
import { EVENTING_DATABASE, nestLogger } from '@eventmart/nestjs';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PROVIDER_CALLS_CHANNEL } from './payment-store.port.js';
import { ProviderCalls } from './provider-calls.js';

/** The longest the poller sleeps when no call is owed sooner and nobody woke it. */
const POLL_MS = 500;
/**
 * How long a stop waits for calls in flight. A call still without an answer then is left: it
 * stays owed, and is made again (same idempotency key) once its lease ends, here or elsewhere.
 */
const STOP_WAIT_MS = 2_000;

/**
 * Runs ProviderCalls from the payment service's start to its stop: makes the calls that are
 * due, sleeps until the next one is due (at most POLL_MS), and wakes when a handler makes one
 * owed (a notification sent when its transaction commits). Owed calls live in the payments
 * table, so the ones a stopped or killed process left are made by the next to run; replicas
 * share them (each claims its own).
 */
@Injectable()
export class ProviderCallPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('payment');
  private readonly loop: PollLoop;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly calls: ProviderCalls,
    @Inject(EVENTING_DATABASE) private readonly database: SqlDatabase,
  ) {
    this.loop = new PollLoop({
      round: () => this.round(),
      failureMessage: 'provider calls failed; trying again',
      logger: nestLogger('payment'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.unlisten = await this.database.notifier.listen(PROVIDER_CALLS_CHANNEL, () =>
      this.loop.wake(),
    );
    this.loop.start();
  }

  /** Lets the calls in flight finish and record their answers, waiting STOP_WAIT_MS at most. */
  async beforeApplicationShutdown(): Promise<void> {
    const stopped = this.loop.stop();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), STOP_WAIT_MS);
    });
    const outcome = await Promise.race([stopped, waited]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.logger.warn('stopping with provider calls in flight: they stay owed and are made again');
    }
    await this.unlisten?.();
  }

  /** Makes the due calls; answers how long to sleep: until the next is due, at most a poll. */
  private async round(): Promise<number> {
    if ((await this.calls.runDue()) > 0) return 0;
    const next = await this.calls.nextDueAt();
    const untilNext = next === undefined ? POLL_MS : next.getTime() - Date.now();
    return Math.max(10, Math.min(POLL_MS, untilNext));
  }
}
