import { afterAll, beforeAll, expect, it } from 'vitest';
import { KafkaTransport } from './kafka-transport.js';
import { mockTransportOptions, numberedMessages, waitUntil } from './test-support.js';
import { describeWithKafkaMock, KafkaMockCluster } from './testing/index.js';

const COUNT = 20_000;
const BATCH = 100;
const PUBLISHERS = 8;

const rate = (count: number, ms: number): string =>
  `${Math.round((count * 1000) / Math.max(1, ms)).toLocaleString('en-US')} messages/s`;

/**
 * Not a benchmark with a threshold (the mock is no broker): it shows what a run achieves, and
 * that a backlog much larger than maxPendingPerPartition flows through pause and resume.
 */
describeWithKafkaMock('throughput on the mock cluster', () => {
  let cluster: KafkaMockCluster;
  beforeAll(async () => {
    cluster = await KafkaMockCluster.start({ brokers: 3 });
  });
  afterAll(() => cluster.stop());

  it(`publishes and consumes ${COUNT.toLocaleString('en-US')} messages`, async ({ annotate }) => {
    const topic = 'throughput.orders';
    await cluster.createTopic(topic, 6);
    const transport = new KafkaTransport(
      mockTransportOptions(cluster, { maxPendingPerPartition: 200 }),
    );
    try {
      const messages = numberedMessages(topic, COUNT, 256);
      let next = 0;
      const publisher = async (): Promise<void> => {
        while (next < messages.length) {
          const batch = messages.slice(next, next + BATCH);
          next += BATCH;
          await transport.publish(batch);
        }
      };
      const publishStart = Date.now();
      await Promise.all(Array.from({ length: PUBLISHERS }, publisher));
      const publishMs = Date.now() - publishStart;

      const seen = new Set<string>();
      const consumeStart = Date.now();
      let firstAt: number | undefined;
      const subscription = await transport.subscribe(
        { group: 'throughput', topics: [topic] },
        async (message) => {
          firstAt ??= Date.now();
          seen.add(message.headers['x-id'] ?? '');
        },
      );
      await waitUntil(
        () => seen.size === COUNT,
        60_000,
        () => `${String(seen.size)} of ${String(COUNT)}`,
      );
      const consumedAt = Date.now();
      await subscription.close();
      expect(seen.size).toBe(COUNT);
      const consumeMs = consumedAt - (firstAt ?? consumeStart);
      await annotate(
        `publish: ${rate(COUNT, publishMs)} (${String(PUBLISHERS)} publishers, batches of ` +
          `${String(BATCH)}, ${String(publishMs)} ms); consume: ${rate(COUNT, consumeMs)} from the ` +
          `first delivery (${String(consumeMs)} ms; joining took ${String((firstAt ?? consumeStart) - consumeStart)} ms)`,
      );
    } finally {
      await transport.close();
    }
  }, 120_000);
});
