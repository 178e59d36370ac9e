import { backoffDelay } from './backoff.js';
import type { Logger } from './logger.js';
import { Wakeup } from './wakeup.js';

export interface PollLoopOptions {
  /**
   * One round of work; answers how long to sleep before the next (0: go again at once). It
   * may be cut short by wake(). A round that throws is logged and the loop backs off.
   */
  readonly round: () => Promise<number>;
  /** Logs a failed round at warn, with this message. */
  readonly failureMessage: string;
  readonly logger: Logger;
}

/**
 * The loop under every poller (timers, delayed retries, owed calls): run a round, sleep as long
 * as it says or until woken, back off exponentially (0.1 s to 10 s) after failures, stop
 * between rounds.
 */
export class PollLoop {
  private readonly wakeup = new Wakeup();
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: PollLoopOptions) {}

  get running(): boolean {
    return this.loop !== undefined;
  }

  /** Whether stop() was asked: a round may check it to end early. */
  get stopRequested(): boolean {
    return this.stopping;
  }

  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Ends a sleep now: there is work to look at. */
  wake(): void {
    this.wakeup.wake();
  }

  /** Lets the round in flight finish; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const sleepMs = await this.options.round();
        failures = 0;
        if (sleepMs > 0) await this.wakeup.wait(sleepMs);
      } catch (error) {
        failures += 1;
        const delayMs = backoffDelay(failures, { initialMs: 100, maxMs: 10_000 });
        this.options.logger.warn(this.options.failureMessage, { error: String(error), delayMs });
        await this.wakeup.wait(delayMs);
      }
    }
  }
}
