import { recordInInbox } from '../../inbox/inbox.js';
import type { TryMiddleware } from './pipeline.js';

/**
 * Deduplicates: the inbox row (consumer, event id) is written in the try's transaction, before
 * the handler runs. A row already there means the event was applied (or dead-lettered)
 * before: the try ends as a duplicate and the handler does not run. On a rollback the row goes
 * with the effect, so the next try writes it again.
 */
export function inboxStep(schema: string, record = recordInInbox): TryMiddleware {
  return (next) => async (attempt) => {
    const fresh = await record(attempt.tx, schema, {
      consumer: attempt.consumer,
      eventId: attempt.event.id,
      eventType: attempt.event.type,
      status: 'processed',
    });
    return fresh ? next(attempt) : 'duplicate';
  };
}
