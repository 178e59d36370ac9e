import type { RawRecord } from './raw-record.js';

/**
 * What a transport carries: opaque to the transport, which must keep every field intact.
 * The envelope is mapped onto it by envelope/cloudevents-codec.ts (CloudEvents binary mode).
 */
export interface OutgoingMessage {
  readonly topic: string;
  /** Ordering key: messages with the same key on one topic are delivered in publish order. */
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body, usually JSON text. */
  readonly value: string;
}

/** Why a received record's text cannot be read as an envelope at all. */
export interface Unreadable {
  readonly reason: 'empty-body' | 'invalid-encoding';
  readonly error: string;
}

/**
 * A delivered message. Transports build it with receivedMessage() (raw-record.ts) from the
 * bytes they got, so that no bytes, however odd, make a transport throw: the text fields are
 * a lenient view of `raw`, and `unreadable` says when that view is not the record.
 */
export interface ReceivedMessage extends OutgoingMessage {
  /** Where the message sits in the transport, for logs and dead letters: partition and offset. */
  readonly partition: number;
  readonly offset: string;
  /** 1 on first delivery to this subscriber; more when redelivered after a rejection. */
  readonly deliveryAttempt: number;
  /** The record exactly as received: what a dead letter or a parked event stores. */
  readonly raw: RawRecord;
  /** Set when key, body or a `ce_*` header is not UTF-8 text without NUL, or the body is empty. */
  readonly unreadable?: Unreadable;
}
