import { afterAll } from 'vitest';
import { transportConformance } from '@eventmart/transport-conformance';
import { PreparedTopics } from './test-support.js';
import { describeWithKafkaMock, KafkaMockCluster } from './testing/index.js';

describeWithKafkaMock('kafka on a 3-broker mock cluster', () => {
  // One cluster for the whole suite, as one Kafka serves many processes; every case gets its own
  // transport on it, and `reopen` another one (messages and offsets stay in the cluster).
  let cluster: Promise<KafkaMockCluster> | undefined;
  const created = new Map<string, Promise<void>>();
  afterAll(async () => {
    await (await cluster)?.stop();
  });

  transportConformance(
    'kafka (kafkajs) on librdkafka mock, 3 brokers',
    async () => {
      const running = await (cluster ??= KafkaMockCluster.start({ brokers: 3 }));
      return {
        transport: PreparedTopics.open(running, created),
        reopen: () => Promise.resolve(PreparedTopics.open(running, created)),
        cleanup: async () => {},
      };
    },
    { consumerGroups: true, perKeyOrder: true, persistent: true },
    // Every new consumer group waits 3 s for more members (the mock's fixed
    // group.initial.rebalance.delay.ms), and a case subscribes up to 21 groups one by one.
    { timeoutMs: 30_000 },
  );
});
