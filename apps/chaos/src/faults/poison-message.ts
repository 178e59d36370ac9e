import { randomUUID } from 'node:crypto';
import { encodeEnvelope, type DeadLetterReason, type OutgoingMessage } from '@eventmart/eventing';

/**
 * The poison a run puts on a live topic, each with the dead-letter reason a consumer must give
 * it: a body that is not JSON; the topic's event type with data its schema refuses; a type no
 * service knows; a version of the topic's type that nobody handles.
 */
export const POISON_KINDS = [
  'malformed-json',
  'invalid-data',
  'unknown-type',
  'unknown-version',
] as const;
export type PoisonKind = (typeof POISON_KINDS)[number];

export const POISON_REASON: Readonly<Record<PoisonKind, DeadLetterReason>> = {
  'malformed-json': 'malformed-json',
  'invalid-data': 'invalid-data',
  'unknown-type': 'unknown-event',
  'unknown-version': 'unsupported-version',
};

/** A version of a known type that no service will ever handle. */
export const UNKNOWN_VERSION = 99;
export const UNKNOWN_TYPE = 'chaos.poison-injected';

export interface Poison {
  readonly kind: PoisonKind;
  /** Its `ce_id`: how its dead letters are found. */
  readonly id: string;
  readonly topic: string;
  readonly message: OutgoingMessage;
}

/**
 * A poison message for `topic`, whose events are of `eventType`, in CloudEvents binary mode as
 * the services publish (the same `ce_*` headers), published raw: nothing checks it on the way.
 */
export function poisonMessage(kind: PoisonKind, topic: string, eventType: string): Poison {
  const id = randomUUID();
  const type = kind === 'unknown-type' ? UNKNOWN_TYPE : eventType;
  const version = kind === 'unknown-version' ? UNKNOWN_VERSION : 1;
  const data = kind === 'invalid-data' ? { orderId: 42, poisoned: true } : { poisoned: true };
  const message = encodeEnvelope(
    {
      id,
      type,
      version,
      time: new Date().toISOString(),
      source: 'eventmart-chaos',
      subject: `chaos-poison-${id}`,
      correlationId: id,
      causationId: null,
      data,
    },
    topic,
  );
  return {
    kind,
    id,
    topic,
    message:
      kind === 'malformed-json' ? { ...message, value: '{"poisoned": true, "cut": ' } : message,
  };
}
