import type { DeadLetterSink, Delivery, HandledEvent, ValidDelivery } from './pipeline.js';

/**
 * Checks the event's data against the handler's schema. Data that does not match is
 * dead-lettered at once ('invalid-data'): no retry can change it. The handler receives the
 * parsed data (defaults applied, unknown keys dropped), never the raw body.
 */
export function validateStep(
  deadLetter: DeadLetterSink,
  next: (delivery: ValidDelivery) => Promise<void>,
): (delivery: Delivery) => Promise<void> {
  return async (delivery) => {
    const { handler, envelope } = delivery;
    const parsed = handler.event.schema.safeParse(envelope.data);
    if (parsed.success) {
      const event = { ...envelope, data: parsed.data } as HandledEvent;
      return next({ ...delivery, event });
    }
    await deadLetter({
      consumer: delivery.consumer,
      handler: handler.name,
      reason: 'invalid-data',
      message: delivery.message,
      error: parsed.error.message,
      attempts: 1,
      envelope,
    });
  };
}
