import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { OutgoingMessage, ReceivedMessage } from '@eventmart/eventing';

/** A fetched message before it is handed to the handler (which adds the delivery attempt). */
export type FetchedMessage = Omit<ReceivedMessage, 'deliveryAttempt'>;

/** The message as a Kafka record: the key picks the partition, headers travel as they are. */
export function toRecord({ key, headers, value }: OutgoingMessage): Message {
  return { key, value, headers: { ...headers } };
}

/** Back from a fetched record. A record from another producer may lack key, value or headers. */
export function fromRecord(topic: string, partition: number, record: KafkaMessage): FetchedMessage {
  return {
    topic,
    key: record.key?.toString('utf8') ?? '',
    headers: decodeHeaders(record.headers),
    value: record.value?.toString('utf8') ?? '',
    partition,
    offset: record.offset,
  };
}

/** Kafka allows a header name more than once; like Java's lastHeader(), the last one wins. */
function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    decoded[name] = value === undefined ? '' : value.toString();
  }
  return decoded;
}

/** A rough size in bytes, to keep one produce request under the broker's limits. */
export function approximateSize({ key, headers, value }: OutgoingMessage): number {
  let size = 64 + Buffer.byteLength(key) + Buffer.byteLength(value);
  for (const [name, header] of Object.entries(headers))
    size += 8 + Buffer.byteLength(name) + Buffer.byteLength(header);
  return size;
}
