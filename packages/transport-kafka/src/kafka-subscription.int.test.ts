import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReceivedMessage } from '@eventmart/eventing';
import { KafkaTransport } from './kafka-transport.js';
import { mockTransportOptions, numberedMessages, waitUntil } from './test-support.js';
import { describeWithKafkaMock, KafkaMockCluster } from './testing/index.js';

describeWithKafkaMock('KafkaSubscription on the mock cluster', () => {
  let cluster: KafkaMockCluster;
  let admin: Admin;
  let topics = 0;
  beforeAll(async () => {
    cluster = await KafkaMockCluster.start({ brokers: 3 });
    admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
    await cluster.stop();
  });

  /** A fresh topic of one partition: offsets are then the publish order. */
  async function singlePartitionTopic(): Promise<string> {
    topics += 1;
    const topic = `subscription.t${String(topics)}`;
    await cluster.createTopic(topic, 1);
    return topic;
  }

  const committed = async (group: string, topic: string): Promise<string | undefined> =>
    (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]?.partitions[0]?.offset;

  const id = (message: ReceivedMessage): number => Number(message.headers['x-id']);

  it('commits one past the acknowledged prefix, never past a message still being retried', async () => {
    const topic = await singlePartitionTopic();
    const transport = new KafkaTransport(mockTransportOptions(cluster));
    const acknowledged = new Set<number>();
    try {
      const subscription = await transport.subscribe(
        { group: 'prefix', topics: [topic] },
        async (m) => {
          if (id(m) === 3) throw new Error('not yet');
          acknowledged.add(id(m));
        },
      );
      await transport.publish(numberedMessages(topic, 10, 10));
      await waitUntil(
        () => acknowledged.size === 9,
        10_000,
        () => `${String(acknowledged.size)} of 9`,
      );
      await subscription.close();
      // Offsets 0-2 are done; 3 never was, so 4-9 count for nothing yet.
      expect(await committed('prefix', topic)).toBe('3');

      const again: number[] = [];
      const next = await transport.subscribe({ group: 'prefix', topics: [topic] }, async (m) => {
        again.push(id(m));
      });
      await waitUntil(
        () => again.length >= 7,
        10_000,
        () => `redelivered ${again.join(',')}`,
      );
      await next.close();
      expect(again).toEqual([3, 4, 5, 6, 7, 8, 9]);
      expect(await committed('prefix', topic)).toBe('10');
    } finally {
      await transport.close();
    }
  });

  it('keeps its membership through handlers and redelivery backoffs longer than the session', async ({
    annotate,
  }) => {
    const topic = await singlePartitionTopic();
    // Session 3 s: a handler of 4 s and a redelivery after 4 s both outlast it.
    const transport = new KafkaTransport(
      mockTransportOptions(cluster, {
        redelivery: { initialMs: 4_000, maxMs: 4_000, jitter: 'none' },
      }),
    );
    const deliveries: string[] = [];
    try {
      const subscription = await transport.subscribe(
        { group: 'slow', topics: [topic] },
        async (message) => {
          deliveries.push(`${String(id(message))}#${String(message.deliveryAttempt)}`);
          if (id(message) === 5 && message.deliveryAttempt === 1) throw new Error('once');
          if (id(message) === 10) await new Promise((resolve) => setTimeout(resolve, 4_000));
        },
      );
      const started = Date.now();
      await transport.publish(numberedMessages(topic, 20, 20));
      await waitUntil(
        async () => deliveries.length >= 21 && (await committed('slow', topic)) === '20',
        20_000,
        () => `deliveries: ${deliveries.join(' ')}`,
      );
      const done = Date.now();
      await subscription.close();
      // One member, never dropped: no message came twice except the rejected one.
      expect([...deliveries].sort()).toEqual(
        [...Array.from({ length: 20 }, (_, n) => `${String(n)}#1`), '5#2'].sort(),
      );
      await annotate(`all 20 handled and committed in ${String(done - started)} ms`);
    } finally {
      await transport.close();
    }
  });

  it("stores a new 'latest' group's start even when no message came before it left", async () => {
    const topic = await singlePartitionTopic();
    const transport = new KafkaTransport(mockTransportOptions(cluster));
    try {
      await transport.publish(numberedMessages(topic, 3, 3));
      const seen: number[] = [];
      const handler = async (message: ReceivedMessage): Promise<void> => {
        seen.push(id(message));
      };
      const first = await transport.subscribe(
        { group: 'late', topics: [topic], startFrom: 'latest' },
        handler,
      );
      await first.close();
      expect(await committed('late', topic)).toBe('3');
      const whileAway = numberedMessages(topic, 6, 3).slice(3);
      await transport.publish(whileAway);
      const second = await transport.subscribe(
        { group: 'late', topics: [topic], startFrom: 'latest' },
        handler,
      );
      await waitUntil(
        () => seen.length >= 3,
        10_000,
        () => `seen ${seen.join(',')}`,
      );
      await second.close();
      expect(seen).toEqual([3, 4, 5]);
    } finally {
      await transport.close();
    }
  });
});
