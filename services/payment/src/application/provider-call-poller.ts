import { backoffDelay, Wakeup, type SqlDatabase } from '@eventmart/eventing';
import { EVENTING_DATABASE } from '@eventmart/nestjs';
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
  private readonly wakeup = new Wakeup();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly calls: ProviderCalls,
    @Inject(EVENTING_DATABASE) private readonly database: SqlDatabase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stopping = false;
    this.unlisten = await this.database.notifier.listen(PROVIDER_CALLS_CHANNEL, () =>
      this.wakeup.wake(),
    );
    this.loop = this.run();
  }

  /** Lets the calls in flight finish and record their answers, waiting STOP_WAIT_MS at most. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), STOP_WAIT_MS);
    });
    const outcome = await Promise.race([this.loop, waited]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.logger.warn('stopping with provider calls in flight: they stay owed and are made again');
    }
    await this.unlisten?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const tried = await this.calls.runDue();
        failures = 0;
        if (tried > 0) continue;
        const next = await this.calls.nextDueAt();
        const untilNext = next === undefined ? POLL_MS : next.getTime() - Date.now();
        await this.wakeup.wait(Math.max(10, Math.min(POLL_MS, untilNext)));
      } catch (error) {
        failures += 1;
        const delayMs = backoffDelay(failures, { initialMs: 100, maxMs: 10_000 });
        this.logger.warn(`provider calls failed: ${String(error)}; again in ${String(delayMs)} ms`);
        await this.wakeup.wait(delayMs);
      }
    }
  }
}
