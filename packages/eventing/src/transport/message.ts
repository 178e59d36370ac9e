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

export interface ReceivedMessage extends OutgoingMessage {
  /** Where the message sits in the transport, for logs and dead letters: partition and offset. */
  readonly partition: number;
  readonly offset: string;
  /** 1 on first delivery to this subscriber; more when redelivered after a rejection. */
  readonly deliveryAttempt: number;
}
