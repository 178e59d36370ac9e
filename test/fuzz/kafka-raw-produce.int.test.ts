import { KafkaMockCluster } from '@eventmart/transport-kafka/kafka-mock';
import { describeWithKafkaMock } from '@eventmart/transport-kafka/testing';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { produceRaw, type RawKafkaRecord } from './kafka-raw-produce.js';

const TOPIC = 'fuzz.raw';

/** Reads `count` records of the topic from the start, with their partitions. */
async function readBack(
  brokers: readonly string[],
  count: number,
): Promise<{ partition: number; message: KafkaMessage }[]> {
  const consumer = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).consumer({
    groupId: `fuzz-raw-read-${String(Date.now())}`,
  });
  await consumer.connect();
  const read: { partition: number; message: KafkaMessage }[] = [];
  try {
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: ({ partition, message }) => {
          read.push({ partition, message });
          if (read.length >= count) resolve();
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return read;
}

// The fuzzer's Kafka producer must put exactly the bytes it is given on the wire, the ones
// kafkajs cannot send included, and say where each record landed.
describeWithKafkaMock('kafka-raw-produce', () => {
  let cluster: KafkaMockCluster;
  beforeAll(async () => {
    cluster = await KafkaMockCluster.start({ brokers: 1 });
    await cluster.createTopic(TOPIC, 3, 1);
  });
  afterAll(() => cluster.stop());

  it('sends null keys, values and header values, binary and repeated headers and 1 MiB as they are', async () => {
    const records: RawKafkaRecord[] = [
      {
        topic: TOPIC,
        partition: 1,
        key: null,
        value: null,
        headers: [
          { name: 'ce_id', value: null },
          { name: 'x-binary', value: Buffer.from([0xff, 0x00, 0xc3]) },
          { name: 'dup', value: Buffer.from('a') },
          { name: 'dup', value: Buffer.from('b') },
        ],
      },
      {
        topic: TOPIC,
        partition: 2,
        key: Buffer.from('order-\u0000x'),
        value: Buffer.from([0x7b, 0x00, 0xfe, 0x7d]),
        headers: [],
      },
      {
        topic: TOPIC,
        partition: 0,
        key: Buffer.alloc(0),
        value: Buffer.alloc(1_048_576, 0x61),
        headers: [],
      },
    ];
    const answers = await produceRaw(cluster.brokers, records);
    expect(answers).toEqual([
      { partition: 1, offset: '0' },
      { partition: 2, offset: '0' },
      { partition: 0, offset: '0' },
    ]);

    const read = await readBack(cluster.brokers, 3);
    const at = (partition: number) => read.find((r) => r.partition === partition)?.message;
    expect(at(1)?.key).toBeNull();
    expect(at(1)?.value).toBeNull();
    expect(at(1)?.headers).toEqual({
      ce_id: null,
      'x-binary': Buffer.from([0xff, 0x00, 0xc3]),
      dup: [Buffer.from('a'), Buffer.from('b')],
    });
    expect(at(2)?.key).toEqual(Buffer.from('order-\u0000x'));
    expect(at(2)?.value).toEqual(Buffer.from([0x7b, 0x00, 0xfe, 0x7d]));
    expect(at(0)?.key).toEqual(Buffer.alloc(0));
    expect(at(0)?.value?.length).toBe(1_048_576);
  });

  it('answers an error for a record the cluster cannot take, and still sends the rest', async () => {
    const answers = await produceRaw(cluster.brokers, [
      { topic: TOPIC, partition: 99, key: null, value: Buffer.from('x'), headers: [] },
      { topic: TOPIC, partition: 0, key: null, value: Buffer.from('y'), headers: [] },
    ]);
    expect(answers[0]).toMatchObject({ error: expect.stringMatching(/partition/i) as unknown });
    expect(answers[1]).toEqual({ partition: 0, offset: '1' });
  });
});
