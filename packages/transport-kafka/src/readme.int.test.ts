import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KafkaTransport, kafkaConfigFromEnv } from './index.js';
import { waitUntil } from './test-support.js';
import { describeWithKafkaMock, KafkaMockCluster } from './testing/index.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);

/** The lines between `// #region name` and `// #endregion` of this file, dedented. */
async function region(name: string): Promise<string> {
  const text = await readFile(thisFile, 'utf8');
  const body = text.split(`// #region ${name}\n`)[1]?.split('// #endregion')[0] ?? '';
  const lines = body.trimEnd().split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0),
  );
  return lines.map((line) => line.slice(indent)).join('\n');
}

describeWithKafkaMock('the README', () => {
  let cluster: KafkaMockCluster;
  beforeAll(async () => {
    cluster = await KafkaMockCluster.start({ brokers: 3 });
    await cluster.createTopic('orders.new', 3);
  });
  afterAll(() => cluster.stop());

  it('runs the examples it shows verbatim', async () => {
    // What a deployment would set; the mock has no idempotent producer and no CreateTopics.
    const env = {
      KAFKA_BROKERS: cluster.bootstrap,
      KAFKA_IDEMPOTENT: 'false',
      KAFKA_PROVISION_TOPICS: 'false',
    };
    const received: string[] = [];
    // #region open
    // KAFKA_BROKERS=kafka-1:9092,kafka-2:9092 and the rest: see Configuration below.
    const transport = await KafkaTransport.open(kafkaConfigFromEnv(env));
    const subscription = await transport.subscribe(
      { group: 'billing', topics: ['orders.new'], startFrom: 'earliest' },
      async (message) => {
        received.push(message.value); // resolving acknowledges; throwing redelivers later
      },
    );
    await transport.publish([
      { topic: 'orders.new', key: 'o-1', headers: {}, value: '{"total":"12.50"}' },
    ]);
    // #endregion
    await waitUntil(
      () => received.length === 1,
      10_000,
      () => 'the handler never ran',
    );
    // #region close
    await subscription.close(); // handlers in flight finish, their offsets are committed
    await transport.close(); // waits for publishes in flight, then disconnects
    // #endregion
    expect(received).toEqual(['{"total":"12.50"}']);

    const text = await readFile(readme, 'utf8');
    for (const name of ['open', 'close']) expect(text).toContain(await region(name));
  });
});
