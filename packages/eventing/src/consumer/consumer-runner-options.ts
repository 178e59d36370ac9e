import type { EventCatalog } from '@eventmart/contracts';
import type { Db } from '../sql/database.port.js';
import type { Logger } from '../support/logger.js';
import type { Transport } from '../transport/transport.port.js';
import type { EventHandler, RetryPolicy } from './event-handler.js';
import type { FaultInjection } from './fault-injection.js';

export interface ConsumerRunnerOptions {
  /** The service: its consumer group, and the prefix of its handlers' inbox names. */
  readonly service: string;
  /** The service's database schema, holding its inbox and dead letters. */
  readonly schema: string;
  readonly db: Db;
  readonly transport: Transport;
  readonly handlers: readonly EventHandler[];
  readonly catalog?: EventCatalog;
  readonly retry?: Partial<RetryPolicy>;
  /** Events of different subjects handled at once. Default 16. */
  readonly maxInFlight?: number;
  readonly startFrom?: 'earliest' | 'latest';
  readonly logger?: Logger;
  /** How often the delayed-retry poller looks for due parked events. Default 500 ms. */
  readonly parkingPollIntervalMs?: number;
  /** Injected handler failures, for chaos runs only. */
  readonly faults?: FaultInjection;
}
