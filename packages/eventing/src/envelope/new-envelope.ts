import type { Envelope, EventData, EventDefinition, EventOf } from '@eventmart/contracts';
import { v7 as uuidv7 } from 'uuid';
import { childTraceparent } from './traceparent.js';

export interface NewEnvelopeOptions {
  /** The aggregate the event is about; also its ordering key. */
  readonly subject: string;
  /** The publishing service. */
  readonly source: string;
  /** The event being handled, if any: supplies correlationId, causationId and the trace. */
  readonly cause?: Envelope | undefined;
  /** For a root event: a correlation id from outside (an HTTP request id, say). */
  readonly correlationId?: string | undefined;
  readonly traceparent?: string | undefined;
  /** The causing event's id when its envelope is not at hand; `cause` wins. */
  readonly causationId?: string | undefined;
  readonly time?: Date;
}

/**
 * Builds a validated envelope. Data that does not match the definition's schema throws here,
 * at the producer, so that no consumer ever has to dead-letter what we published ourselves.
 */
export function newEnvelope<D extends EventDefinition>(
  definition: D,
  data: EventData<D>,
  options: NewEnvelopeOptions,
): EventOf<D> {
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    throw new TypeError(
      `invalid ${definition.type}@${String(definition.version)} data: ${parsed.error.message}`,
    );
  }
  const id = uuidv7();
  const { cause } = options;
  const parentTrace = options.traceparent ?? cause?.traceparent;
  const envelope: Envelope<EventData<D>> = {
    id,
    type: definition.type,
    version: definition.version,
    time: (options.time ?? new Date()).toISOString(),
    source: options.source,
    subject: options.subject,
    correlationId: cause?.correlationId ?? options.correlationId ?? id,
    causationId: cause?.id ?? options.causationId ?? null,
    ...(parentTrace === undefined ? {} : { traceparent: childTraceparent(parentTrace) }),
    data: parsed.data as EventData<D>,
  };
  return envelope;
}
