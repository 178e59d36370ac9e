import type { OutgoingMessage, ReceivedMessage, Unreadable } from './message.js';

/** A header as it came off the wire: a name, and bytes or (legal in Kafka) no value at all. */
export interface RawHeader {
  readonly name: string;
  readonly value: Uint8Array | null;
}

/**
 * A record exactly as a transport received it. Kafka allows a null key, a null value (a
 * tombstone), header values that are null or binary and a header name more than once; every
 * one of those is kept here, in order, so that a dead letter can hold what really arrived.
 */
export interface RawRecord {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly RawHeader[];
}

/** Where a record sat, and how often it was delivered: what a transport adds to the bytes. */
export interface Delivery {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly deliveryAttempt: number;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8 = new TextEncoder();

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A text message (what our producers send) as the bytes a transport carries. */
export function rawRecordOf(
  message: Pick<OutgoingMessage, 'key' | 'headers' | 'value'>,
): RawRecord {
  return {
    key: utf8.encode(message.key),
    value: utf8.encode(message.value),
    headers: Object.entries(message.headers).map(([name, value]) => ({
      name,
      value: utf8.encode(value),
    })),
  };
}

/**
 * Why the envelope cannot even be read from these bytes, or undefined. The key and the
 * `ce_*` and content-type headers become text columns (subject, event type, ordering key), so
 * they must be UTF-8 without NUL, which PostgreSQL text cannot hold; so must the body, which is
 * JSON text. Other headers may hold anything: they are kept, never read.
 */
function unreadable(raw: RawRecord): Unreadable | undefined {
  if (raw.value === null || raw.value.length === 0)
    return {
      reason: 'empty-body',
      error: raw.value === null ? 'the body is null' : 'the body is empty',
    };
  const fields: [string, Uint8Array | null][] = [
    ['the key', raw.key],
    ['the body', raw.value],
    ...raw.headers
      .filter(({ name }) => name.startsWith('ce_') || name === 'content-type')
      .map(({ name, value }): [string, Uint8Array | null] => [`header ${name}`, value]),
  ];
  for (const [what, bytes] of fields) {
    if (bytes === null) continue;
    const text = utf8Text(bytes);
    if (text === undefined) return { reason: 'invalid-encoding', error: `${what} is not UTF-8` };
    if (text.includes('\u0000'))
      return { reason: 'invalid-encoding', error: `${what} holds a NUL byte` };
  }
  return undefined;
}

/**
 * The one way a transport turns received bytes into a message; it never throws, whatever the
 * bytes. The text fields are a lenient view (invalid UTF-8 becomes U+FFFD; a null key is '';
 * headers with a null value are left out, and of a name given twice the last one counts, as
 * Java's lastHeader()); `unreadable` says when that view cannot be trusted, and `raw` keeps
 * the bytes themselves.
 */
export function receivedMessage(delivery: Delivery, raw: RawRecord): ReceivedMessage {
  // fromEntries defines own properties, so a header named __proto__ is a header like any other.
  const headers: Record<string, string> = Object.fromEntries(
    raw.headers.flatMap(({ name, value }) =>
      value === null ? [] : [[name, lenient.decode(value)]],
    ),
  );
  const problem = unreadable(raw);
  return {
    ...delivery,
    key: raw.key === null ? '' : lenient.decode(raw.key),
    headers,
    value: raw.value === null ? '' : lenient.decode(raw.value),
    raw,
    ...(problem === undefined ? {} : { unreadable: problem }),
  };
}
