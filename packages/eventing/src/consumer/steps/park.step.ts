import type { Logger } from '../../support/logger.js';
import { hasParked, orderingKey, park, type ParkEntry } from '../../parking/parking-lot.js';
import type { Db } from '../../sql/database.port.js';
import type { ConsumerStats } from '../consumer-stats.js';
import type { EventHandler, RetryPolicy } from '../event-handler.js';
import { errorText, HandlerGaveUp, type ValidDelivery } from './pipeline.js';

/** The parking lot as these steps use it (parking-lot.ts against the service's database). */
export interface ParkingLotPort {
  hasParked(consumer: string, key: string): Promise<boolean>;
  park(entry: ParkEntry): Promise<void>;
}

export function parkingLotOf(db: Db, schema: string): ParkingLotPort {
  return {
    hasParked: (consumer, key) => hasParked(db, schema, consumer, key),
    park: (entry) => park(db, schema, entry),
  };
}

export interface ParkOptions {
  readonly lot: ParkingLotPort;
  readonly policyOf: (handler: EventHandler) => RetryPolicy;
  readonly stats: ConsumerStats;
  readonly logger: Logger;
  /** Tells the delayed-retry poller that something was parked. */
  readonly parked: () => void;
  readonly random?: () => number;
}

/**
 * The second retry tier, for handlers whose policy has delays. Before any try: an event whose
 * key has an earlier event parked is parked behind it untried, so the key's order holds across
 * delayed retries. After the in-place tries gave up on a transient error: the event is parked
 * with its failure, first delayed try due after the policy's first delay, and the message is
 * acknowledged. A permanent error, or a policy without delays, passes on to dead letters.
 */
export function parkStep(
  options: ParkOptions,
  next: (delivery: ValidDelivery) => Promise<void>,
): (delivery: ValidDelivery) => Promise<void> {
  const { lot, stats } = options;
  return async (delivery) => {
    const policy = options.policyOf(delivery.handler);
    if (policy.delaysMs.length === 0) return next(delivery);
    const entry = {
      consumer: delivery.consumer,
      handler: delivery.handler.name,
      eventId: delivery.envelope.id,
      eventType: delivery.envelope.type,
      message: delivery.message,
    };
    if (await lot.hasParked(delivery.consumer, orderingKey(delivery.message))) {
      await lot.park({ ...entry, attempts: 0, retryAt: new Date() });
      stats.count('parkedBehind');
      options.parked();
      return;
    }
    try {
      await next(delivery);
    } catch (error) {
      if (!(error instanceof HandlerGaveUp) || error.permanent) throw error;
      const retryAt = new Date(Date.now() + delayedRetryDelay(policy, 0, options.random));
      const failure = { error: error.error, firstFailedAt: error.firstFailedAt };
      await lot.park({ ...entry, attempts: error.attempts, retryAt, failure });
      stats.count('parked');
      options.logger.warn('handler failed its in-place retries; event parked', {
        handler: delivery.consumer,
        eventId: delivery.envelope.id,
        key: orderingKey(delivery.message),
        attempts: error.attempts,
        retryAt: retryAt.toISOString(),
        error: errorText(error.error),
      });
    }
  };
}

/** The wait before delayed try number `index` (0-based), shortened by up to a fifth. */
export function delayedRetryDelay(
  policy: RetryPolicy,
  index: number,
  random: () => number = Math.random,
): number {
  const delays = policy.delaysMs;
  const base = delays[Math.min(index, delays.length - 1)] ?? 0;
  return Math.round(base * (0.8 + 0.2 * random()));
}
