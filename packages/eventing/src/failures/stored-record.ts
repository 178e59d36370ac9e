import { base64, fromBase64 } from '@eventmart/contracts';
import type { ReceivedMessage } from '../transport/message.js';
import { receivedMessage, utf8Text, type RawRecord } from '../transport/raw-record.js';

/**
 * The record columns of dead_letters and parked_events (migrations/0005): key and value as
 * bytea, headers as a jsonb array of [name, base64 value or null], in the order received.
 */
export interface StoredRecordColumns {
  record_key: Uint8Array | null;
  record_value: Uint8Array | null;
  record_headers: StoredHeaders;
}

export type StoredHeaders = readonly (readonly [string, string | null])[];

/**
 * The record as its columns store it. Header values are bytes and kept exactly; header names
 * are text (the Kafka client already decodes them), and jsonb cannot hold NUL, so a NUL in a
 * name is stored as U+FFFD.
 */
export function recordColumns(raw: RawRecord) {
  const headers: StoredHeaders = raw.headers.map(({ name, value }) => [
    storableText(name),
    value === null ? null : base64(value),
  ]);
  return {
    record_key: raw.key,
    record_value: raw.value,
    record_headers: JSON.stringify(headers),
  };
}

/** The record a row stores, as exactly the bytes it arrived as. */
export function storedRecord(row: StoredRecordColumns): RawRecord {
  return {
    key: row.record_key === null ? null : bytes(row.record_key),
    value: row.record_value === null ? null : bytes(row.record_value),
    headers: row.record_headers.map(([name, value]) => ({
      name,
      value: value === null ? null : fromBase64(value),
    })),
  };
}

/** The message a stored failure was delivered as, rebuilt from its bytes. */
export function storedMessage(
  row: StoredRecordColumns & {
    readonly topic: string;
    readonly partition: number | null;
    readonly message_offset: string | null;
  },
  deliveryAttempt: number,
): ReceivedMessage {
  return receivedMessage(
    {
      topic: row.topic,
      partition: row.partition ?? 0,
      offset: row.message_offset ?? '',
      deliveryAttempt,
    },
    storedRecord(row),
  );
}

/**
 * Text as a PostgreSQL text column can hold it: NUL cannot be stored, so it becomes U+FFFD.
 * For what is stored beside the bytes (error messages quote the input), never for the bytes.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD');
}

/** The key as a subject to filter on: its text when it is UTF-8 without NUL, else null. */
export function subjectOf(raw: RawRecord): string | null {
  const text = raw.key === null ? undefined : utf8Text(raw.key);
  return text === undefined || text.includes('\u0000') ? null : text;
}

/** node-postgres reads bytea as a Buffer, PGlite as a Uint8Array: both as a plain Uint8Array. */
function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
