import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithKafkaMock } from './describe-with-kafka-mock.js';
import { kafkaMockBinary } from './kafka-mock-binary.js';
import { KafkaMockCluster } from './kafka-mock-cluster.js';

describeWithKafkaMock('KafkaMockCluster', () => {
  let cluster: KafkaMockCluster;
  beforeAll(async () => {
    cluster = await KafkaMockCluster.start({ brokers: 3 });
  });
  afterAll(() => cluster.stop());

  it('reports one 127.0.0.1 address per broker', () => {
    expect(cluster.brokers).toHaveLength(3);
    for (const broker of cluster.brokers) expect(broker).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(cluster.bootstrap).toBe(cluster.brokers.join(','));
  });

  it('creates topics that Kafka clients see, and refuses a second one of the same name', async () => {
    await cluster.createTopic('mock.created', 6);
    await cluster.createTopic('mock.single', 1, 1);
    const admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({
        topics: ['mock.created', 'mock.single'],
      });
      // (The mock accepts a replication factor but lists every broker as a replica anyway.)
      const shape = topics.map((t) => [t.name, t.partitions.length]).sort();
      expect(shape).toEqual([
        ['mock.created', 6],
        ['mock.single', 1],
      ]);
    } finally {
      await admin.disconnect();
    }
    await expect(cluster.createTopic('mock.created', 6)).rejects.toThrow('TOPIC_ALREADY_EXISTS');
  });

  it('answers bad commands with the reason, and keeps working', async () => {
    await expect(cluster.createTopic('mock.bad', 0)).rejects.toThrow('usage: create-topic');
    await expect(cluster.createTopic('mock.bad', 1, 4)).rejects.toThrow(
      'replication must be between 1 and the number of brokers',
    );
    await expect(cluster.brokerDown(4)).rejects.toThrow('ids start at 1');
    await expect(cluster.createTopic('two words', 1)).rejects.toThrow('invalid argument');
    await cluster.brokerDown(2);
    await cluster.brokerUp(2);
  });

  it('stops once, however often asked, and refuses commands after', async () => {
    const other = await KafkaMockCluster.start({ brokers: 1 });
    await Promise.all([other.stop(), other.stop()]);
    await expect(other.createTopic('late', 1)).rejects.toThrow('kafka-mock exited');
  });
});

describeWithKafkaMock('the kafka-mock helper process', () => {
  async function startHelper() {
    const child = spawn(await kafkaMockBinary(), ['--brokers', '1'], { stdio: 'pipe' });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const bootstrap = (await lines.next()).value as string;
    const ready = (await lines.next()).value as string;
    return { child, bootstrap, ready };
  }

  it('prints BOOTSTRAP and READY, and exits cleanly when its stdin closes', async () => {
    const { child, bootstrap, ready } = await startHelper();
    expect(bootstrap).toMatch(/^BOOTSTRAP 127\.0\.0\.1:\d+$/);
    expect(ready).toBe('READY');
    const exited = once(child, 'exit');
    child.stdin.end();
    expect(await exited).toEqual([0, null]);
  });

  it('exits cleanly on SIGTERM', async () => {
    const { child } = await startHelper();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  });

  it('refuses bad arguments', async () => {
    const child = spawn(await kafkaMockBinary(), ['--brokers', 'many'], { stdio: 'pipe' });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
  });
});
