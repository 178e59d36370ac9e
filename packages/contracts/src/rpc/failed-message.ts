import { bytesView } from './bytes-view.js';
import type { FailedMessage } from './failure-record.schemas.js';

/** A header as it came off the wire: a name, and bytes or (legal in Kafka) no value. */
export interface RawHeader {
  readonly name: string;
  readonly value: Uint8Array | null;
}

/** A failure record's message as received: its key, body and headers, as bytes (or null). */
export interface RawRecordMessage {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly RawHeader[];
}

/**
 * A failure record's message as the contract carries it, for dead letters and parked events
 * alike: the exact bytes under `raw`, and for the readers of text, the body and the headers
 * that are text.
 */
export function toFailedMessage(
  message: RawRecordMessage,
  errorStack: string | null,
): FailedMessage {
  const value = message.value === null ? null : bytesView(message.value);
  const headers = message.headers.map(({ name, value: bytes }) => ({
    name,
    value: bytes === null ? null : bytesView(bytes),
  }));
  const text: Record<string, string> = {};
  for (const { name, value: view } of headers) if (view?.text != null) text[name] = view.text;
  return {
    headers: text,
    payload: value === null ? '' : (value.text ?? value.preview),
    errorStack,
    raw: {
      key: message.key === null ? null : bytesView(message.key),
      value,
      headers,
    },
  };
}

const utf8 = new TextEncoder();

/** A message stored as text (key, headers by name, body) as the bytes it was. */
export function textMessage(
  key: string | null,
  headers: Readonly<Record<string, string>>,
  payload: string,
): RawRecordMessage {
  return {
    key: key === null ? null : utf8.encode(key),
    value: utf8.encode(payload),
    headers: Object.entries(headers).map(([name, value]) => ({ name, value: utf8.encode(value) })),
  };
}
