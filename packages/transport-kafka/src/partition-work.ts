import { KeyedDispatcher, type KeyedDispatcherOptions } from '@eventmart/eventing';
import type { FetchedMessage } from './message-mapping.js';

/**
 * One partition as long as this member owns it in one group generation: its dispatcher
 * (per-key order, concurrency, redelivery) and the offset to commit next. A rebalance retires
 * it; the next generation starts a new one from the committed offset.
 */
export class PartitionWork {
  readonly dispatcher: KeyedDispatcher<FetchedMessage>;
  /** Fetching is paused while too many messages wait; see KafkaSubscription. */
  paused = false;
  /** Kafka's commit: the offset of the next message to read, one past the last acknowledged. */
  private acknowledgedUpTo: bigint | undefined;
  private committedUpTo: bigint | undefined;

  constructor(
    readonly topic: string,
    readonly partition: number,
    deliver: (message: FetchedMessage, attempt: number) => Promise<void>,
    options: KeyedDispatcherOptions,
  ) {
    this.dispatcher = new KeyedDispatcher(deliver, (message) => message.key, options);
  }

  push(messages: readonly FetchedMessage[]): void {
    if (messages.length > 0) this.dispatcher.push(messages);
  }

  /** The offset to commit if the acknowledged prefix moved past the last commit. */
  uncommitted(): string | undefined {
    const last = this.dispatcher.takeAcknowledged().at(-1);
    if (last !== undefined) this.acknowledgedUpTo = BigInt(last.offset) + 1n;
    if (this.acknowledgedUpTo === undefined) return undefined;
    if (this.committedUpTo !== undefined && this.acknowledgedUpTo <= this.committedUpTo)
      return undefined;
    return this.acknowledgedUpTo.toString();
  }

  committed(offset: string): void {
    const value = BigInt(offset);
    if (this.committedUpTo === undefined || value > this.committedUpTo) this.committedUpTo = value;
  }
}
