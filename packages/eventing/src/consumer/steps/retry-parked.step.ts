import { decodeEnvelope } from '../../envelope/cloudevents-codec.js';
import {
  claimHead,
  parkedMessage,
  reschedule,
  unpark,
  type ParkedEvent,
} from '../../parking/parking-lot.js';
import type { Db } from '../../sql/database.port.js';
import type { Logger } from '../../support/logger.js';
import type { ConsumerStats } from '../consumer-stats.js';
import { isPermanent, retryLaterDelay } from '../errors.js';
import type { EventHandler, RetryPolicy } from '../event-handler.js';
import { delayedRetryDelay } from './park.step.js';
import {
  errorText,
  type DeadLetterSink,
  type GiveUpRecord,
  type HandledEvent,
  type TryHandler,
} from './pipeline.js';

export interface RetryParkedOptions {
  readonly service: string;
  readonly db: Db;
  readonly schema: string;
  readonly handlerNamed: (name: string) => EventHandler | undefined;
  readonly policyOf: (handler: EventHandler) => RetryPolicy;
  /** The same try as a fresh delivery gets: inbox, fault injection, the handler. */
  readonly tryHandler: TryHandler;
  readonly deadLetter: DeadLetterSink;
  readonly stats: ConsumerStats;
  readonly logger: Logger;
}

/**
 * A delayed try of a parked event (the first of its key, due), for the delayed-retry poller.
 * Applied: it leaves the lot in the handler's transaction, and the next of its key is due.
 * Failed: the next try is scheduled, or, with no delay left or a permanent error, it goes to
 * dead letters (and leaves the lot in the same transaction). Answers whether it left the lot.
 */
export function retryParkedStep(
  options: RetryParkedOptions,
): (row: ParkedEvent) => Promise<boolean> {
  const { db, schema, stats } = options;
  const giveUp = async (
    row: ParkedEvent,
    record: Omit<GiveUpRecord, 'consumer' | 'handler' | 'message' | 'attempts'> & {
      attempts?: number;
    },
  ) => {
    await options.deadLetter(
      {
        consumer: row.consumer,
        handler: row.handler,
        message: parkedMessage(row),
        firstFailedAt: row.first_failed_at ?? new Date(),
        ...record,
        attempts: record.attempts ?? Math.max(1, row.attempts),
      },
      (tx) => unpark(tx, schema, row.seq),
    );
    return true;
  };

  return async (row) => {
    const handler = options.handlerNamed(row.handler);
    const message = parkedMessage(row);
    const decoded = decodeEnvelope(message);
    if (handler === undefined) {
      const error = `${options.service} has no handler named ${row.handler} any more`;
      return giveUp(row, { reason: 'permanent-error', error });
    }
    if (!decoded.ok) {
      return giveUp(row, {
        reason: 'permanent-error',
        error: `${decoded.reason}: ${decoded.error}`,
      });
    }
    const envelope = decoded.envelope;
    const parsed = handler.event.schema.safeParse(envelope.data);
    if (!parsed.success) {
      return giveUp(row, { reason: 'invalid-data', error: parsed.error.message, envelope });
    }
    const event = { ...envelope, data: parsed.data } as HandledEvent;
    try {
      const outcome = await db.transaction().execute(async (tx) => {
        const claimed = await claimHead(tx, schema, row.seq);
        if (claimed === undefined) return 'not-mine' as const;
        const attempt = claimed.attempts + 1;
        const delivery = { handler, consumer: row.consumer, envelope, message, event };
        const tried = await options.tryHandler({ ...delivery, tx, attempt });
        await unpark(tx, schema, row.seq);
        return tried;
      });
      if (outcome === 'not-mine') return false;
      stats.count(outcome === 'processed' ? 'processed' : 'duplicates');
      stats.count('released');
      return true;
    } catch (error) {
      const laterMs = retryLaterDelay(error);
      if (laterMs !== undefined) {
        await reschedule(db, schema, row, {
          retryAt: new Date(Date.now() + laterMs),
          error,
          attempts: row.attempts,
          delayedAttempts: row.delayed_attempts,
        });
        return false;
      }
      const policy = options.policyOf(handler);
      // An event parked behind another and failing for the first time starts the delays.
      const delayed = row.first_failed_at === null ? 0 : row.delayed_attempts + 1;
      if (isPermanent(error) || delayed >= policy.delaysMs.length) {
        const reason = isPermanent(error) ? 'permanent-error' : 'retries-exhausted';
        return giveUp(row, { reason, error, envelope: event, attempts: row.attempts + 1 });
      }
      const retryAt = new Date(Date.now() + delayedRetryDelay(policy, delayed));
      await reschedule(db, schema, row, {
        retryAt,
        error,
        attempts: row.attempts + 1,
        delayedAttempts: delayed,
      });
      stats.count('delayedRetries');
      options.logger.warn('parked event failed again; next try scheduled', {
        handler: row.consumer,
        eventId: row.event_id,
        attempts: row.attempts + 1,
        retryAt: retryAt.toISOString(),
        error: errorText(error),
      });
      return false;
    }
  };
}
