import { z } from 'zod';

/** W3C trace-context `traceparent`: version-traceid-parentid-flags, lowercase hex. */
export const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Event types are lowercase, dot-separated, past tense: `order.placed`, `stock.reservation-failed`. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * The envelope every event travels in, whatever the transport.
 * `subject` is the aggregate id: it is also the ordering key and, on Kafka, the message key.
 * See docs/envelope.md for its mapping to CloudEvents 1.0.
 */
export const EnvelopeSchema = z.object({
  id: z.uuid(),
  type: z
    .string()
    .regex(EVENT_TYPE_PATTERN, 'must be lowercase and dot-separated, e.g. order.placed'),
  version: z.number().int().min(1),
  time: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  subject: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  traceparent: z.string().regex(TRACEPARENT_PATTERN, 'must be a W3C traceparent').optional(),
  data: z.unknown(),
});

export type Envelope<TData = unknown> = Omit<z.infer<typeof EnvelopeSchema>, 'data'> & {
  readonly data: TData;
};
