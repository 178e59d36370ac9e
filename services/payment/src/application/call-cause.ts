import type { Envelope } from '@eventmart/contracts';
import type { CallCause } from '../domain/payment.js';

/** The event a handler records as the cause of the provider call it makes owed. */
export function callCause(event: Envelope): CallCause {
  return {
    causationId: event.id,
    correlationId: event.correlationId,
    traceparent: event.traceparent ?? null,
  };
}
