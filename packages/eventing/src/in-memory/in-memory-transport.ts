import { Semaphore } from '../support/semaphore.js';
import { KeyedDispatcher } from '../transport/keyed-dispatcher.js';
import type { OutgoingMessage, ReceivedMessage } from '../transport/message.js';
import { partitionFor } from '../transport/partitioner.js';
import { rawRecordOf, receivedMessage, type RawRecord } from '../transport/raw-record.js';
import type {
  MessageHandler,
  SubscribeOptions,
  Subscription,
  Transport,
  TransportCapabilities,
} from '../transport/transport.port.js';

type Stored = Omit<ReceivedMessage, 'deliveryAttempt'>;

interface Member {
  readonly options: SubscribeOptions;
  readonly handler: MessageHandler;
  /** Bounds the member's handler calls across all its partitions. */
  readonly limiter: Semaphore;
  /** Assigned topic-partitions ("topic/partition") and their dispatchers. */
  readonly assigned: Map<string, { dispatcher: KeyedDispatcher<Stored>; next: number }>;
}

interface Group {
  readonly positions: Map<string, number>;
  readonly members: Member[];
  rebalancing: Promise<void>;
}

/**
 * A transport in process memory: consumer groups, partitions by key, per-key order, nothing
 * persisted. For tests and demos; it passes the same conformance suite as the real ones.
 */
export class InMemoryTransport implements Transport {
  readonly name = 'in-memory';
  readonly capabilities: TransportCapabilities = {
    consumerGroups: true,
    perKeyOrder: true,
    persistent: false,
  };
  private readonly topics = new Map<string, Stored[][]>();
  private readonly groups = new Map<string, Group>();
  private closed = false;

  constructor(private readonly options: { partitions?: number; redeliveryMs?: number } = {}) {}

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('transport is closed'));
    for (const message of messages) {
      const partitions = this.partitionsOf(message.topic);
      this.append(
        message.topic,
        partitionFor(message.key, partitions.length),
        rawRecordOf(message),
      );
    }
    this.pumpAll();
    return Promise.resolve();
  }

  /**
   * Appends a record of any bytes, as another producer could (a null or binary key, value or
   * header, a header twice): for tests of what consumers make of it. Partition 0 unless given.
   */
  publishRaw(topic: string, record: RawRecord, partition = 0): Promise<void> {
    if (this.closed) return Promise.reject(new Error('transport is closed'));
    this.append(topic, partition, record);
    this.pumpAll();
    return Promise.resolve();
  }

  private append(topic: string, partition: number, raw: RawRecord): void {
    const log = this.partitionsOf(topic)[partition];
    if (log === undefined) throw new Error(`${topic} has no partition ${String(partition)}`);
    const delivery = { topic, partition, offset: String(log.length), deliveryAttempt: 1 };
    const { deliveryAttempt: _, ...stored } = receivedMessage(delivery, raw);
    log.push(stored);
  }

  private pumpAll(): void {
    for (const group of this.groups.values())
      for (const member of group.members) this.pump(group, member);
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.closed) throw new Error('transport is closed');
    const group = this.groupOf(options.group);
    const member: Member = {
      options,
      handler,
      limiter: new Semaphore(options.maxInFlight ?? 16),
      assigned: new Map(),
    };
    for (const topic of options.topics) {
      const partitions = this.partitionsOf(topic);
      partitions.forEach((log, partition) => {
        const tp = `${topic}/${String(partition)}`;
        if (!group.positions.has(tp)) {
          group.positions.set(tp, options.startFrom === 'latest' ? log.length : 0);
        }
      });
    }
    await this.rebalance(group, () => group.members.push(member));
    let closing: Promise<void> | undefined;
    return {
      close: () =>
        (closing ??= this.rebalance(group, () => {
          const index = group.members.indexOf(member);
          if (index >= 0) group.members.splice(index, 1);
        })),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const group of this.groups.values())
      await this.rebalance(group, () => group.members.splice(0));
  }

  private partitionsOf(topic: string): Stored[][] {
    let partitions = this.topics.get(topic);
    if (partitions === undefined) {
      partitions = Array.from({ length: this.options.partitions ?? 4 }, () => []);
      this.topics.set(topic, partitions);
    }
    return partitions;
  }

  private groupOf(name: string): Group {
    let group = this.groups.get(name);
    if (group === undefined) {
      group = { positions: new Map(), members: [], rebalancing: Promise.resolve() };
      this.groups.set(name, group);
    }
    return group;
  }

  /** Stops every member's dispatchers, stores positions, changes membership, reassigns. */
  private rebalance(group: Group, change: () => void): Promise<void> {
    group.rebalancing = group.rebalancing.then(async () => {
      for (const member of group.members) {
        for (const [tp, { dispatcher }] of member.assigned) {
          await dispatcher.stop();
          this.commit(group, tp, dispatcher);
        }
        member.assigned.clear();
      }
      change();
      const tps = [...group.positions.keys()].sort();
      tps.forEach((tp, index) => {
        const topic = tp.slice(0, tp.lastIndexOf('/'));
        const candidates = group.members.filter((m) => m.options.topics.includes(topic));
        const member = candidates[index % Math.max(1, candidates.length)];
        if (member === undefined) return;
        const dispatcher = new KeyedDispatcher<Stored>(
          async (message, attempt) => {
            await member.handler({ ...message, deliveryAttempt: attempt });
            queueMicrotask(() => this.pump(group, member));
          },
          (message) => message.key,
          {
            maxInFlight: member.options.maxInFlight ?? 16,
            limiter: member.limiter,
            redelivery: { initialMs: this.options.redeliveryMs ?? 20, maxMs: 1_000 },
          },
        );
        member.assigned.set(tp, { dispatcher, next: group.positions.get(tp) ?? 0 });
      });
      for (const member of group.members) this.pump(group, member);
    });
    return group.rebalancing;
  }

  private commit(group: Group, tp: string, dispatcher: KeyedDispatcher<Stored>): void {
    const acknowledged = dispatcher.takeAcknowledged();
    const last = acknowledged[acknowledged.length - 1];
    if (last !== undefined) group.positions.set(tp, Number(last.offset) + 1);
  }

  private pump(group: Group, member: Member): void {
    for (const [tp, state] of member.assigned) {
      this.commit(group, tp, state.dispatcher);
      const [topic, partition] = [
        tp.slice(0, tp.lastIndexOf('/')),
        Number(tp.slice(tp.lastIndexOf('/') + 1)),
      ];
      const log = this.topics.get(topic)?.[partition] ?? [];
      const room = 256 - state.dispatcher.pending;
      if (room <= 0 || state.next >= log.length) continue;
      const batch = log.slice(state.next, state.next + room);
      state.next += batch.length;
      try {
        state.dispatcher.push(batch);
      } catch {
        // stopped by a rebalance in progress: the new assignment starts from the stored position
      }
    }
  }
}
