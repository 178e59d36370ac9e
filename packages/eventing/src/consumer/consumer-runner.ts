import { EventCatalog } from '@eventmart/contracts';
import { DelayedRetryPoller } from '../parking/delayed-retry-poller.js';
import { silentLogger } from '../support/logger.js';
import type { ReceivedMessage } from '../transport/message.js';
import type { Subscription } from '../transport/transport.port.js';
import type { ConsumerRunnerOptions } from './consumer-runner-options.js';
import { ConsumerStats } from './consumer-stats.js';
import { DEFAULT_RETRY, type EventHandler, type RetryPolicy } from './event-handler.js';
import { deadLetterSink, deadLetterStep } from './steps/dead-letter.step.js';
import { decodeStep } from './steps/decode.step.js';
import { faultInjectionStep } from './steps/fault-injection.step.js';
import { inboxStep } from './steps/inbox.step.js';
import { parkingLotOf, parkStep } from './steps/park.step.js';
import { callHandler, composeTry, inTransaction, type TryMiddleware } from './steps/pipeline.js';
import { retryInPlaceStep } from './steps/retry-in-place.step.js';
import { retryParkedStep } from './steps/retry-parked.step.js';
import { routeStep } from './steps/route.step.js';
import { validateStep } from './steps/validate.step.js';

export type { ConsumerRunnerOptions } from './consumer-runner-options.js';
export { delayedRetryDelay } from './steps/park.step.js';

/**
 * Runs a service's handlers over its topics, each message through a chain of steps (steps/,
 * in order): decode → route → validate → dead letter → park → retry in place, then, per try
 * and in its own transaction, inbox → fault injection → the handler. The message is
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

    const perTry: TryMiddleware[] = [inboxStep(schema)];
    if (faults !== undefined) perTry.push(faultInjectionStep(faults));
    const tryHandler = composeTry(perTry, callHandler);
    const stopping = this.stopSignal.signal;
    const retried = retryInPlaceStep(
      { policyOf, stats, logger, stopping },
      inTransaction(db, tryHandler),
    );
    const lot = parkingLotOf(db, schema);
    const parked = parkStep(
      { lot, policyOf, stats, logger, parked: () => this.parking.poke() },
      async (delivery) => void (await retried(delivery)),
    );
    const catalog = options.catalog ?? new EventCatalog();
    const ignored = () => stats.count('ignored');
    const routed = routeStep(
      { service, handlers, catalog, deadLetter, ignored },
      validateStep(deadLetter, deadLetterStep(deadLetter, parked)),
    );
    const decoded = decodeStep(service, deadLetter, routed);
    this.onMessage = (message) => {
      stats.count('received');
      return decoded(message);
    };

    const byName = new Map(handlers.map((handler) => [handler.name, handler]));
    const handlerNamed = (name: string) => byName.get(name);
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
        handlerNamed,
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
