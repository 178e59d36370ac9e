import { EventCatalog } from '@eventmart/contracts';
import { DelayedRetryPoller } from '../parking/delayed-retry-poller.js';
import { hasParked, park } from '../parking/parking-lot.js';
import type { Db } from '../sql/database.port.js';
import { silentLogger, type Logger } from '../support/logger.js';
import type { ReceivedMessage } from '../transport/message.js';
import type { Subscription, Transport } from '../transport/transport.port.js';
import { ConsumerStats } from './consumer-stats.js';
import { DEFAULT_RETRY, type EventHandler, type RetryPolicy } from './event-handler.js';
import type { FaultInjection } from './fault-injection.js';
import { deadLetterSink, deadLetterStep } from './steps/dead-letter.step.js';
import { decodeStep } from './steps/decode.step.js';
import { faultInjectionStep } from './steps/fault-injection.step.js';
import { inboxStep } from './steps/inbox.step.js';
import { parkStep } from './steps/park.step.js';
import { callHandler, composeTry, type TryMiddleware } from './steps/pipeline.js';
import { retryInPlaceStep } from './steps/retry-in-place.step.js';
import { retryParkedStep } from './steps/retry-parked.step.js';
import { routeStep } from './steps/route.step.js';
import { validateStep } from './steps/validate.step.js';

export { delayedRetryDelay } from './steps/park.step.js';

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

/**
 * Runs a service's handlers over its topics, each message through a chain of steps
 * (steps/, in order): decode → route → validate → dead letter → park → retry in place → per
 * try, in its own transaction: inbox → fault injection → the handler. The message is
 * acknowledged only once every handler committed, parked or dead-lettered it, so a crash or a
 * stop in between means redelivery, never loss. Parked events come back through the
 * delayed-retry poller and the same per-try steps. Ordering and concurrency come from the
 * transport (one event per subject at a time, several subjects at once) and, across delayed
 * retries, from the parking lot (an event for a key with a parked event parks behind it).
 */
export class ConsumerRunner {
  readonly stats = new ConsumerStats();
  private readonly parking: DelayedRetryPoller;
  private readonly onMessage: (message: ReceivedMessage) => Promise<void>;
  private readonly stopSignal = new AbortController();
  private subscription: Subscription | undefined;

  constructor(private readonly options: ConsumerRunnerOptions) {
    const { service, schema, db, handlers, faults } = options;
    const { stats } = this;
    const logger = options.logger ?? silentLogger;
    const policyOf = (handler: EventHandler): RetryPolicy => ({
      ...DEFAULT_RETRY,
      ...options.retry,
      ...handler.retry,
    });
    const deadLetter = deadLetterSink({ db, schema, stats, logger });
    const middlewares: TryMiddleware[] = [inboxStep(schema)];
    if (faults !== undefined) middlewares.push(faultInjectionStep(faults));
    const tryHandler = composeTry(middlewares, callHandler);

    const retried = retryInPlaceStep(
      { policyOf: (d) => policyOf(d.handler), stats, logger, stopping: this.stopSignal.signal },
      async (delivery, attempt) => {
        const outcome = await db
          .transaction()
          .execute((tx) => tryHandler({ ...delivery, tx, attempt }));
        stats.count(outcome === 'processed' ? 'processed' : 'duplicates');
        return outcome;
      },
    );
    const lot = {
      hasParked: (consumer: string, key: string) => hasParked(db, schema, consumer, key),
      park: (entry: Parameters<typeof park>[2]) => park(db, schema, entry),
    };
    const parked = parkStep(
      {
        lot,
        policyOf: (d) => policyOf(d.handler),
        stats,
        logger,
        parked: () => this.parking.poke(),
      },
      async (delivery) => void (await retried(delivery)),
    );
    const routed = routeStep(
      {
        service,
        handlers,
        catalog: options.catalog ?? new EventCatalog(),
        deadLetter,
        ignored: () => stats.count('ignored'),
      },
      validateStep(deadLetter, deadLetterStep(deadLetter, parked)),
    );
    const decoded = decodeStep(service, deadLetter, routed);
    this.onMessage = (message) => {
      stats.count('received');
      return decoded(message);
    };

    const byName = new Map(handlers.map((handler) => [handler.name, handler]));
    this.parking = new DelayedRetryPoller({
      db,
      schema,
      consumers: handlers
        .filter((handler) => policyOf(handler).delaysMs.length > 0)
        .map((handler) => `${service}.${handler.name}`),
      retry: retryParkedStep({
        service,
        db,
        schema,
        handlerNamed: (name) => byName.get(name),
        policyOf,
        tryHandler,
        deadLetter,
        stats,
        logger,
      }),
      pollIntervalMs: options.parkingPollIntervalMs,
      logger,
    });
  }

  /** The poller of this runner's parked events (tests run a round with retryDue()). */
  get delayedRetries(): DelayedRetryPoller {
    return this.parking;
  }

  get topics(): string[] {
    return [...new Set(this.options.handlers.map((handler) => handler.event.topic))];
  }

  async start(): Promise<void> {
    if (this.subscription !== undefined || this.options.handlers.length === 0) return;
    this.subscription = await this.options.transport.subscribe(
      {
        group: this.options.service,
        topics: this.topics,
        startFrom: this.options.startFrom ?? 'earliest',
        maxInFlight: this.options.maxInFlight ?? 16,
      },
      (message) => this.onMessage(message),
    );
    this.parking.start();
  }

  /**
   * Lets handlers in flight finish (a retry waiting on its backoff gives up and is redelivered)
   * and the delayed try in flight end; parked events stay parked for the next start.
   */
  async stop(): Promise<void> {
    this.stopSignal.abort();
    await this.parking.stop();
    await this.subscription?.close();
  }
}
