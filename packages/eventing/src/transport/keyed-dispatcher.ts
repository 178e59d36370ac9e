import { backoffDelay, type BackoffOptions } from '../support/backoff.js';
import type { Semaphore } from '../support/semaphore.js';

export interface KeyedDispatcherOptions {
  /** Most handler calls running at once, across keys. */
  readonly maxInFlight: number;
  /** Delay before a rejected message is handed to the handler again. */
  readonly redelivery: BackoffOptions;
  /** Told about every rejection, for logs. */
  readonly onRejected?: (error: unknown, attempt: number) => void;
  /**
   * Shared by the dispatchers of one subscriber (one per partition), so that `maxInFlight`
   * bounds the subscriber's handler calls as a whole, as the transport port promises.
   */
  readonly limiter?: Semaphore;
}

interface Entry<M> {
  readonly message: M;
  readonly key: string;
  state: 'queued' | 'running' | 'done';
  attempt: number;
}

/**
 * Runs a handler over messages that arrive in log order, the way every transport needs it:
 * one message per key at a time and in order, up to `maxInFlight` keys at once, a rejected
 * message retried after a backoff while its key waits, other keys flowing meanwhile.
 * The transport stores its position from `takeAcknowledged()`: only the prefix of the log
 * that is entirely acknowledged, so nothing after an unacknowledged message is skipped.
 */
export class KeyedDispatcher<M> {
  private readonly log: Entry<M>[] = [];
  private readonly queues = new Map<string, Entry<M>[]>();
  private readonly ready: string[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private running = 0;
  private unacknowledged = 0;
  private stopping = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly handler: (message: M, attempt: number) => Promise<void>,
    private readonly keyOf: (message: M) => string,
    private readonly options: KeyedDispatcherOptions,
  ) {}

  /** Messages not yet acknowledged, running or waiting; the transport's backpressure gauge. */
  get pending(): number {
    return this.unacknowledged;
  }

  push(messages: Iterable<M>): void {
    if (this.stopping) throw new Error('dispatcher is stopped');
    for (const message of messages) {
      const entry: Entry<M> = { message, key: this.keyOf(message), state: 'queued', attempt: 0 };
      this.log.push(entry);
      this.unacknowledged += 1;
      const queue = this.queues.get(entry.key);
      if (queue === undefined) {
        this.queues.set(entry.key, [entry]);
        this.ready.push(entry.key);
      } else {
        queue.push(entry);
      }
    }
    this.pump();
  }

  /** Removes and returns the acknowledged prefix of the log, oldest first. */
  takeAcknowledged(): M[] {
    let count = 0;
    while (count < this.log.length && this.log[count]?.state === 'done') count += 1;
    return this.log.splice(0, count).map((entry) => entry.message);
  }

  /** Resolves when every pushed message is acknowledged (or, once stopping, none is running). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Starts nothing new, cancels pending redeliveries and waits for running handlers.
   * What was not acknowledged stays so: the transport must not store a position past it.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.ready.length = 0;
    await this.whenIdle();
  }

  private isIdle(): boolean {
    return this.running === 0 && (this.stopping || this.unacknowledged === 0);
  }

  private pump(): void {
    while (!this.stopping && this.running < this.options.maxInFlight) {
      const key = this.ready.shift();
      if (key === undefined) break;
      const head = this.queues.get(key)?.[0];
      if (head !== undefined) this.run(head);
    }
    if (this.isIdle()) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private run(entry: Entry<M>): void {
    this.running += 1;
    entry.state = 'running';
    const limiter = this.options.limiter;
    const slot = limiter === undefined ? Promise.resolve() : limiter.acquire();
    void slot.then(() => {
      if (this.stopping) {
        // Stopped while waiting for a slot: the message was never handed over.
        limiter?.release();
        entry.state = 'queued';
        this.running -= 1;
        this.pump();
        return;
      }
      entry.attempt += 1;
      let outcome: Promise<void>;
      try {
        outcome = this.handler(entry.message, entry.attempt);
      } catch (error) {
        outcome = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      outcome
        .then(
          () => this.acknowledge(entry),
          (error: unknown) => this.reject(entry, error),
        )
        .finally(() => {
          limiter?.release();
          this.running -= 1;
          this.pump();
        });
    });
  }

  private acknowledge(entry: Entry<M>): void {
    entry.state = 'done';
    this.unacknowledged -= 1;
    const queue = this.queues.get(entry.key);
    queue?.shift();
    if (queue !== undefined && queue.length > 0) this.ready.push(entry.key);
    else this.queues.delete(entry.key);
  }

  private reject(entry: Entry<M>, error: unknown): void {
    entry.state = 'queued';
    this.options.onRejected?.(error, entry.attempt);
    if (this.stopping) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (this.stopping) return;
        this.ready.push(entry.key);
        this.pump();
      },
      backoffDelay(entry.attempt, this.options.redelivery),
    );
    this.timers.add(timer);
  }
}
