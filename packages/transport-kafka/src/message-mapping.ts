import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import {
  receivedMessage,
  type OutgoingMessage,
  type RawHeader,
  type ReceivedMessage,
} from '@eventmart/eventing';

/** A fetched message before it is handed to the handler (which adds the delivery attempt). */
export type FetchedMessage = Omit<ReceivedMessage, 'deliveryAttempt'>;

/** The message as a Kafka record: the key picks the partition, headers travel as they are. */
export function toRecord({ key, headers, value }: OutgoingMessage): Message {
  return { key, value, headers: { ...headers } };
}

/**
 * Back from a fetched record, whatever another producer put in it: a null key or value, null
 * or binary header values, a header name more than once. Never throws (a throw here would
 * fail the whole fetched batch, and the partition would stall); what cannot be read as an
 * event is for the consumer to dead-letter, with the bytes kept.
 */
export function fromRecord(topic: string, partition: number, record: KafkaMessage): FetchedMessage {
  const { deliveryAttempt: _, ...message } = receivedMessage(
    { topic, partition, offset: record.offset, deliveryAttempt: 1 },
    { key: record.key ?? null, value: record.value ?? null, headers: rawHeaders(record.headers) },
  );
  return message;
}

/**
 * kafkajs gathers the headers by name: a name given twice comes as an array of its values, in
 * record order, and a header without a value as null (or undefined); a value may also be a
 * string when a record was built in process.
 */
function rawHeaders(headers: IHeaders | undefined): RawHeader[] {
  const raw: RawHeader[] = [];
  for (const [name, values] of Object.entries(headers ?? {})) {
    const list: unknown[] = Array.isArray(values) ? values : [values];
    for (const value of list) raw.push({ name, value: headerBytes(value) });
  }
  return raw;
}

function headerBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return null;
}

/** A rough size in bytes, to keep one produce request under the broker's limits. */
export function approximateSize({ key, headers, value }: OutgoingMessage): number {
  let size = 64 + Buffer.byteLength(key) + Buffer.byteLength(value);
  for (const [name, header] of Object.entries(headers))
    size += 8 + Buffer.byteLength(name) + Buffer.byteLength(header);
  return size;
}
