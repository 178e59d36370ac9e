import type { ProducerBatch, TopicMessages } from 'kafkajs';
import type { OutgoingMessage } from '@eventmart/eventing';
import { approximateSize, toRecord } from './message-mapping.js';

/** The part of a kafkajs producer the publisher uses. */
export interface BatchSender {
  sendBatch(batch: ProducerBatch): Promise<unknown>;
}

export interface BatchingPublisherOptions {
  /** A merged send stops growing past this many messages... */
  readonly maxMessages?: number;
  /** ...or this many bytes: a record batch per partition must stay under message.max.bytes (1 MiB by default). */
  readonly maxBytes?: number;
}

interface Pending {
  readonly messages: readonly OutgoingMessage[];
  readonly size: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Sends publish calls one produce round at a time, merging the calls that queued up during the
 * previous round into one `sendBatch` (kafkajs then sends one request per broker), acks=all.
 *
 * One round at a time keeps messages of one key in call order even when a request is retried,
 * and is what the idempotent producer needs (kafkajs numbers a partition's batches when it
 * builds a request, so two concurrent sends to one partition would collide). Merging keeps the
 * throughput of many concurrent callers. A call is never split; if a round fails, every call
 * in it rejects (the caller publishes again: duplicates, never losses).
 */
export class BatchingPublisher {
  private readonly queue: Pending[] = [];
  private round: Promise<void> | undefined;
  private readonly maxMessages: number;
  private readonly maxBytes: number;

  constructor(
    private readonly sender: BatchSender,
    options: BatchingPublisherOptions = {},
  ) {
    this.maxMessages = options.maxMessages ?? 10_000;
    this.maxBytes = options.maxBytes ?? 900 * 1024;
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const size = messages.reduce((sum, message) => sum + approximateSize(message), 0);
      this.queue.push({ messages, size, resolve, reject });
      this.round ??= this.sendAll();
    });
  }

  /** Resolves once every call made so far is settled. */
  async whenIdle(): Promise<void> {
    while (this.round !== undefined) await this.round;
  }

  private async sendAll(): Promise<void> {
    while (this.queue.length > 0) {
      const calls = this.takeRound();
      try {
        await this.sender.sendBatch({ acks: -1, topicMessages: byTopic(calls) });
        for (const call of calls) call.resolve();
      } catch (error) {
        for (const call of calls) call.reject(error);
      }
    }
    this.round = undefined;
  }

  private takeRound(): Pending[] {
    const calls: Pending[] = [];
    let count = 0;
    let bytes = 0;
    for (const next of this.queue) {
      const fits =
        count + next.messages.length <= this.maxMessages && bytes + next.size <= this.maxBytes;
      if (calls.length > 0 && !fits) break;
      calls.push(next);
      count += next.messages.length;
      bytes += next.size;
    }
    this.queue.splice(0, calls.length);
    return calls;
  }
}

/** One entry per topic, messages in call order then message order. */
function byTopic(calls: readonly Pending[]): TopicMessages[] {
  const topics = new Map<string, TopicMessages>();
  for (const call of calls) {
    for (const message of call.messages) {
      let entry = topics.get(message.topic);
      if (entry === undefined) {
        entry = { topic: message.topic, messages: [] };
        topics.set(message.topic, entry);
      }
      entry.messages.push(toRecord(message));
    }
  }
  return [...topics.values()];
}
