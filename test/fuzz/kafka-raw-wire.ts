import {
  Kafka,
  logLevel,
  Partitioners,
  type IHeaders,
  type KafkaMessage,
  type PartitionMetadata,
} from 'kafkajs';
import type { FuzzRecord } from './fuzz-records.js';
import { produceRaw } from './kafka-raw-produce.js';
import type { Produced, RawWire, Refused } from './raw-wire.js';
import { sampledFromText, type SampledRecord } from './wire-record.js';

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (value !== undefined && !Array.isArray(value)) out[name] = value.toString();
  return out;
}

/**
 * Kafka as a raw client sees it: records go on through librdkafka byte for byte
 * (kafka-raw-produce.ts), to the partition kafkajs's Java-compatible partitioner picks (as
 * the services' producers do) when the record does not fix one; a throwaway kafkajs consumer
 * group reads the topics from the start.
 */
export class KafkaRawWire implements RawWire {
  readonly name = 'kafka';
  private readonly kafka: Kafka;
  private readonly partitioner = Partitioners.DefaultPartitioner();

  constructor(private readonly brokers: readonly string[]) {
    this.kafka = new Kafka({
      clientId: 'eventmart-fuzz',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
    });
  }

  async sample(topics: readonly string[]): Promise<SampledRecord[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    const left = new Map<string, bigint>();
    try {
      for (const topic of topics)
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic))
          if (BigInt(high) > BigInt(low)) left.set(`${topic}:${String(partition)}`, BigInt(high));
    } finally {
      await admin.disconnect();
    }
    const sampled: SampledRecord[] = [];
    if (left.size === 0) return sampled;
    const consumer = this.kafka.consumer({
      groupId: `eventmart-fuzz-sampler-${String(Date.now())}`,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`sampling the topics: ${String(left.size)} partitions unread`)),
          60_000,
        );
        void consumer
          .run({
            eachMessage: async ({ topic, partition, message }) => {
              const where = `${topic}:${String(partition)}`;
              const high = left.get(where);
              if (high === undefined) return;
              const record = fromKafka(topic, partition, message);
              if (record !== undefined) sampled.push(record);
              if (BigInt(message.offset) + 1n >= high) left.delete(where);
              if (left.size === 0) {
                clearTimeout(timer);
                resolve();
              }
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return sampled;
  }

  async produce(
    records: readonly FuzzRecord[],
  ): Promise<{ produced: Produced[]; refused: Refused[] }> {
    const admin = this.kafka.admin();
    await admin.connect();
    const metadata = new Map<string, PartitionMetadata[]>();
    try {
      const topics = [...new Set(records.map((fuzz) => fuzz.record.topic))];
      for (const topic of (await admin.fetchTopicMetadata({ topics })).topics)
        metadata.set(topic.name, topic.partitions);
    } finally {
      await admin.disconnect();
    }
    const placed = records.map((fuzz) => ({
      ...fuzz.record,
      partition:
        fuzz.record.partition ??
        this.partitioner({
          topic: fuzz.record.topic,
          partitionMetadata: metadata.get(fuzz.record.topic) ?? [],
          message: { key: fuzz.record.key, value: fuzz.record.value },
        }),
    }));
    const answers = await produceRaw(this.brokers, placed);
    const produced: Produced[] = [];
    const refused: Refused[] = [];
    records.forEach((fuzz, i) => {
      const answer = answers[i] ?? { error: 'no answer' };
      if ('error' in answer) refused.push({ fuzz, why: `the broker refused it: ${answer.error}` });
      else produced.push({ fuzz, partition: answer.partition, offset: answer.offset });
    });
    return { produced, refused };
  }

  async close(): Promise<void> {
    // Each produce runs its own helper process, gone when it answered.
  }
}

function fromKafka(
  topic: string,
  partition: number,
  message: KafkaMessage,
): SampledRecord | undefined {
  return sampledFromText({
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    headers: textHeaders(message.headers),
    value: message.value?.toString('utf8') ?? '',
  });
}
