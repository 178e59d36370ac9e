import { backoffDelay, type BackoffOptions, type Logger } from '@eventmart/eventing';

/**
 * When to restart a crashed kafkajs consumer. kafkajs restarts one itself only after retriable
 * errors; others happen too while a group is in flux (a coordinator answering a late SyncGroup
 * with INVALID_REQUEST, as the librdkafka mock does), and a subscription that stops silently is
 * worse than one that keeps trying: this restarts it after a growing delay. Only a first join
 * gives up, after `retries` crashes, so that subscribe() reports a setup that cannot work.
 */
export class ConsumerRestarts {
  private crashes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private restarting: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly retry: BackoffOptions & { readonly retries: number },
    private readonly restart: () => Promise<void>,
    private readonly logger: Logger,
    private readonly group: string,
  ) {}

  /** The member joined: crashes count from zero again. */
  joined(): void {
    this.crashes = 0;
  }

  /**
   * A crash kafkajs does not restart from. Returns the error to give up with (before any join,
   * once the retries are used up); otherwise a restart is scheduled.
   */
  crashed(error: Error, everJoined: boolean): Error | undefined {
    if (this.stopped) return undefined;
    this.crashes += 1;
    if (!everJoined && this.crashes > this.retry.retries) return error;
    const delayMs = backoffDelay(this.crashes, this.retry);
    this.logger.error('the consumer crashed; restarting it', {
      group: this.group,
      error: String(error),
      delayMs,
    });
    this.timer = setTimeout(() => {
      this.restarting = this.stopped ? undefined : this.restart();
    }, delayMs);
    return undefined;
  }

  /** No more restarts; resolves once a restart under way is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.restarting;
  }
}
