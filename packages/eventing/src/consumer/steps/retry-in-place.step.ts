import { backoffDelay, sleep } from '../../support/backoff.js';
import type { Logger } from '../../support/logger.js';
import type { ConsumerStats } from '../consumer-stats.js';
import { isPermanent, retryLaterDelay } from '../errors.js';
import type { EventHandler, RetryPolicy } from '../event-handler.js';
import { errorText, HandlerGaveUp, type TryOutcome, type ValidDelivery } from './pipeline.js';

export interface RetryInPlaceOptions {
  readonly policyOf: (handler: EventHandler) => RetryPolicy;
  readonly stats: ConsumerStats;
  readonly logger: Logger;
  /** Aborted when the consumer stops. */
  readonly stopping: AbortSignal;
}

/** One try of a delivery, numbered from 1, in its own transaction. */
export type TryOnce = (delivery: ValidDelivery, attempt: number) => Promise<TryOutcome>;

/**
 * Tries a delivery up to the policy's maxAttempts, `backoff` apart, while its key waits (per-key
 * order holds) and other keys flow. A RetryLaterError waits the delay it asks for without
 * counting as a try. A PermanentError, or the last failed try, ends in HandlerGaveUp for the
 * steps around to park or dead-letter. A stop during a wait rethrows the handler's error: the
 * message stays unacknowledged and is redelivered, none of its effect committed.
 */
export function retryInPlaceStep(
  options: RetryInPlaceOptions,
  tryOnce: TryOnce,
): (delivery: ValidDelivery) => Promise<TryOutcome> {
  const { stats, logger, stopping } = options;
  return async (delivery) => {
    const policy = options.policyOf(delivery.handler);
    const firstFailedAt = new Date();
    const log = { handler: delivery.consumer, eventId: delivery.envelope.id };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await tryOnce(delivery, attempt);
        stats.count(outcome === 'processed' ? 'processed' : 'duplicates');
        return outcome;
      } catch (error) {
        const laterMs = retryLaterDelay(error);
        if (laterMs !== undefined) {
          // The handler did not try (a dependency is known to be down): not a failed attempt.
          attempt -= 1;
          logger.info('handler asked to retry later', {
            ...log,
            delayMs: laterMs,
            reason: (error as Error).message,
          });
          await sleep(laterMs, stopping);
          if (stopping.aborted) throw error;
          continue;
        }
        const permanent = isPermanent(error);
        if (permanent || attempt >= policy.maxAttempts) {
          throw new HandlerGaveUp(error, attempt, firstFailedAt, permanent);
        }
        stats.count('retries');
        const delayMs = backoffDelay(attempt, policy.backoff);
        logger.warn('handler failed; retrying', {
          ...log,
          attempt,
          delayMs,
          error: errorText(error),
        });
        await sleep(delayMs, stopping);
        if (stopping.aborted) throw error;
      }
    }
  };
}
