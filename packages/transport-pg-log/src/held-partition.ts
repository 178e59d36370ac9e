import { KeyedDispatcher, sleep, type KeyedDispatcherOptions } from '@eventmart/eventing';
import type { LogRow, Position, TopicPartition } from './log-store.js';

export type LogMessage = Omit<LogRow, 'visible'>;

/** Rejects a handler call that would start after its partition was given up. */
export class Retired extends Error {}

export const keyOf = (tp: TopicPartition): string => `${String(tp.partition)}/${tp.topic}`;

/**
 * A partition a member holds a lease on: its dispatcher (per-key order, concurrency,
 * redelivery), how far it has fetched and which acknowledged position is not stored yet.
 */
export class HeldPartition implements TopicPartition {
  readonly dispatcher: KeyedDispatcher<LogMessage>;
  /** Local time until which the lease certainly holds (measured from before the claim). */
  leaseValidUntil = 0;
  /** Set once the member gives the partition up: nothing more starts. */
  retiring = false;
  private acknowledged: Position | undefined;

  constructor(
    readonly topic: string,
    readonly partition: number,
    /** The last row handed to the dispatcher: the next fetch starts after it. */
    private fetchedUpTo: Position,
    /** Handler starts stop this long before the lease could lapse, so handlers can finish. */
    private readonly marginMs: number,
    deliver: (message: LogMessage, attempt: number) => Promise<void>,
    options: KeyedDispatcherOptions,
  ) {
    this.dispatcher = new KeyedDispatcher(
      async (message, attempt) => {
        await this.untilLeased();
        await deliver(message, attempt);
      },
      (message) => message.key,
      options,
    );
  }

  get fetched(): Position {
    return this.fetchedUpTo;
  }

  push(rows: readonly LogMessage[]): void {
    const last = rows.at(-1);
    if (last === undefined || this.retiring) return;
    this.fetchedUpTo = { txId: last.txId, seq: last.seq };
    this.dispatcher.push(rows);
  }

  /** The acknowledged position not yet stored, if any. */
  unstored(): Position | undefined {
    const last = this.dispatcher.takeAcknowledged().at(-1);
    if (last !== undefined) this.acknowledged = { txId: last.txId, seq: last.seq };
    return this.acknowledged;
  }

  /** Records that `position` (from unstored()) is stored. */
  stored(position: Position): void {
    if (this.acknowledged === position) this.acknowledged = undefined;
  }

  /**
   * A handler starts only under a lease this member is sure of. Once the loop is late renewing
   * it, another member may soon deliver the partition: wait for the renewal, or give up.
   */
  async untilLeased(): Promise<void> {
    while (!this.retiring && Date.now() >= this.leaseValidUntil - this.marginMs) await sleep(10);
    if (this.retiring) throw new Retired();
  }
}
