import { storeDeadLetter } from '../../dead-letters/dead-letter.js';
import { recordInInbox } from '../../inbox/inbox.js';
import type { Db } from '../../sql/database.port.js';
import type { Logger } from '../../support/logger.js';
import type { ConsumerStats } from '../consumer-stats.js';
import { errorText, HandlerGaveUp, type DeadLetterSink, type ValidDelivery } from './pipeline.js';

export interface DeadLetterOptions {
  readonly db: Db;
  readonly schema: string;
  readonly stats: ConsumerStats;
  readonly logger: Logger;
}

/**
 * Where every step sends what it gives up on. One transaction holds the dead letter and, for a
 * message with an envelope, the consumer's inbox row marked 'dead-lettered', so a redelivery
 * of the same event is skipped. If that row exists already (a redelivery after a crash, or the
 * event applied meanwhile), nothing is stored: one record per failure.
 */
export function deadLetterSink(options: DeadLetterOptions): DeadLetterSink {
  const { db, schema, stats, logger } = options;
  return async (record, alsoInTransaction) => {
    const { consumer, envelope, message } = record;
    await db.transaction().execute(async (tx) => {
      await alsoInTransaction?.(tx);
      if (envelope !== undefined) {
        const fresh = await recordInInbox(tx, schema, {
          consumer,
          eventId: envelope.id,
          eventType: envelope.type,
          status: 'dead-lettered',
        });
        if (!fresh) return;
      }
      await storeDeadLetter(tx, schema, {
        consumer,
        handler: record.handler,
        reason: record.reason,
        message,
        eventId: envelope?.id,
        eventType: envelope?.type ?? message.headers.ce_type,
        eventVersion: envelope?.version,
        error: record.error,
        attempts: record.attempts,
        firstFailedAt: record.firstFailedAt ?? new Date(),
      });
    });
    stats.count('deadLettered');
    logger.error('event dead-lettered', {
      consumer,
      reason: record.reason,
      topic: message.topic,
      offset: message.offset,
      eventId: envelope?.id,
      error: errorText(record.error),
    });
  };
}

/**
 * The last word on a delivery the retry steps gave up on (a permanent error, or tries
 * exhausted with nothing parked): it becomes a dead letter, and the message is acknowledged.
 * Any other error (a stop during a wait) passes through, leaving the message unacknowledged.
 */
export function deadLetterStep(
  deadLetter: DeadLetterSink,
  next: (delivery: ValidDelivery) => Promise<void>,
): (delivery: ValidDelivery) => Promise<void> {
  return async (delivery) => {
    try {
      await next(delivery);
    } catch (error) {
      if (!(error instanceof HandlerGaveUp)) throw error;
      await deadLetter({
        consumer: delivery.consumer,
        handler: delivery.handler.name,
        reason: error.permanent ? 'permanent-error' : 'retries-exhausted',
        message: delivery.message,
        error: error.error,
        attempts: error.attempts,
        envelope: delivery.envelope,
        firstFailedAt: error.firstFailedAt,
      });
    }
  };
}
