import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Subscription } from '@eventmart/eventing';
import { KafkaTransport } from './kafka-transport.js';
import {
  mockTransportOptions,
  numberedMessages,
  publishUntilAccepted,
  waitUntil,
} from './test-support.js';
import { describeWithKafkaMock, KafkaMockCluster } from './testing/index.js';

const COUNT = 10_000;
const BATCH = 100;
const PUBLISHERS = 4;

describeWithKafkaMock('a broker going down and coming back', () => {
  let cluster: KafkaMockCluster;
  beforeAll(async () => {
    cluster = await KafkaMockCluster.start({ brokers: 3 });
  });
  afterAll(() => cluster.stop());

  it(`loses none of ${COUNT.toLocaleString('en-US')} messages published across the outage`, async ({
    annotate,
  }) => {
    const topic = 'reconnect.orders';
    await cluster.createTopic(topic, 6);
    const transport = new KafkaTransport(mockTransportOptions(cluster));
    const acknowledged = new Set<string>();
    let deliveries = 0;
    let subscription: Subscription | undefined;
    try {
      subscription = await transport.subscribe(
        { group: 'reconnect', topics: [topic] },
        async (message) => {
          deliveries += 1;
          acknowledged.add(message.headers['x-id'] ?? '');
        },
      );
      const messages = numberedMessages(topic, COUNT, 64);
      let next = 0;
      let publishRetries = 0;
      const publisher = async (): Promise<void> => {
        while (next < messages.length) {
          const batch = messages.slice(next, next + BATCH);
          next += BATCH;
          publishRetries += await publishUntilAccepted(transport, batch);
        }
      };
      // Broker 2 leads a third of the partitions (and maybe the group's coordinator): it goes
      // away for two seconds once a fifth of the messages are out.
      const outage = (async () => {
        await waitUntil(
          () => next >= COUNT / 5,
          30_000,
          () => 'publishing never got going',
        );
        await cluster.brokerDown(2);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await cluster.brokerUp(2);
      })();
      const started = Date.now();
      await Promise.all([...Array.from({ length: PUBLISHERS }, publisher), outage]);
      const published = Date.now();
      await waitUntil(
        () => acknowledged.size === COUNT,
        60_000,
        () => `acknowledged ${String(acknowledged.size)} of ${String(COUNT)}`,
      );
      const consumed = Date.now();
      expect(acknowledged.size).toBe(COUNT);
      await annotate(
        `published in ${String(published - started)} ms (${String(publishRetries)} batches ` +
          `published again), all acknowledged ${String(consumed - started)} ms after the first ` +
          `publish; ${String(deliveries - COUNT)} deliveries were repeats`,
      );
    } finally {
      await subscription?.close();
      await transport.close();
    }
  }, 120_000);
});
