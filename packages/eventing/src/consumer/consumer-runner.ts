import { EventCatalog, type Envelope } from '@eventmart/contracts';
import { runInEventContext } from '../context/event-context.js';
import { decodeEnvelope } from '../envelope/cloudevents-codec.js';
import { recordInInbox } from '../inbox/inbox.js';
import { backoffDelay, sleep } from '../support/backoff.js';
import { silentLogger, type Logger } from '../support/logger.js';
import type { Db, Tx } from '../sql/database.port.js';
import type { ReceivedMessage } from '../transport/message.js';
import type { Subscription, Transport } from '../transport/transport.port.js';
import { storeDeadLetter, type DeadLetterReason } from '../dead-letters/dead-letter.js';
import { isPermanent, retryLaterDelay } from './errors.js';
import { maybeInjectFault, type FaultInjection } from './fault-injection.js';
import { DelayedRetryPoller } from '../parking/delayed-retry-poller.js';
import {
  claimHead,
  hasParked,
  orderingKey,
  park,
  parkedMessage,
  reschedule,
  unpark,
  type ParkedEvent,
} from '../parking/parking-lot.js';
import { DEFAULT_RETRY, type EventHandler, type RetryPolicy } from './event-handler.js';
import { ConsumerStats } from './consumer-stats.js';

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
 * Runs a service's handlers over its topics. Each handler runs in its own transaction, behind
 * the inbox, with in-place retries, then delayed retries from the parking lot (see
 * RetryPolicy); what cannot be handled goes to dead letters with the cause. The message is
 * acknowledged only once every handler committed, parked or dead-lettered it, so a crash or a
 * stop in between means redelivery, never loss. Ordering and concurrency come from the
 * transport (one event per subject at a time, several subjects at once) and, across delayed
 * retries, from the parking lot (an event for a key with a parked event parks behind it).
 */
export class ConsumerRunner {
  readonly stats = new ConsumerStats();
  private readonly catalog: EventCatalog;
  private readonly byType = new Map<string, EventHandler[]>();
  private readonly byName = new Map<string, EventHandler>();
  private readonly parking: DelayedRetryPoller;
  private readonly logger: Logger;
  private readonly stopSignal = new AbortController();
  private subscription: Subscription | undefined;

  constructor(private readonly options: ConsumerRunnerOptions) {
    this.catalog = options.catalog ?? new EventCatalog();
    this.logger = options.logger ?? silentLogger;
    const names = new Set<string>();
    for (const handler of options.handlers) {
      if (names.has(handler.name)) throw new Error(`two handlers are named ${handler.name}`);
      names.add(handler.name);
      this.byName.set(handler.name, handler);
      const list = this.byType.get(handler.event.type) ?? [];
      list.push(handler);
      this.byType.set(handler.event.type, list);
    }
    this.parking = new DelayedRetryPoller({
      db: options.db,
      schema: options.schema,
      consumers: options.handlers
        .filter((handler) => this.policyOf(handler).delaysMs.length > 0)
        .map((handler) => this.consumerOf(handler)),
      retry: (row) => this.retryParked(row),
      pollIntervalMs: options.parkingPollIntervalMs,
      logger: this.logger,
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

  private consumerOf(handler: EventHandler): string {
    return `${this.options.service}.${handler.name}`;
  }

  private policyOf(handler: EventHandler): RetryPolicy {
    return { ...DEFAULT_RETRY, ...this.options.retry, ...handler.retry };
  }

  private async onMessage(message: ReceivedMessage): Promise<void> {
    this.stats.count('received');
    const decoded = decodeEnvelope(message);
    if (!decoded.ok) {
      await this.deadLetter(this.options.service, null, decoded.reason, message, decoded.error, 1);
      return;
    }
    const envelope = decoded.envelope;
    const handlers = this.byType.get(envelope.type);
    if (handlers === undefined) {
      if (this.catalog.find(envelope.type, envelope.version) !== undefined) {
        this.stats.count('ignored');
        return;
      }
      const error = this.catalog.knowsType(envelope.type)
        ? `no version ${String(envelope.version)} of ${envelope.type} is known`
        : `unknown event type ${envelope.type}`;
      await this.deadLetter(
        this.options.service,
        null,
        'unknown-event',
        message,
        error,
        1,
        envelope,
      );
      return;
    }
    const matching = handlers.filter((handler) => handler.event.version === envelope.version);
    if (matching.length === 0) {
      const versions = handlers.map((handler) => handler.event.version).join(', ');
      const error = `${envelope.type} version ${String(envelope.version)} has no handler here (handled: ${versions})`;
      await this.deadLetter(
        this.options.service,
        null,
        'unsupported-version',
        message,
        error,
        1,
        envelope,
      );
      return;
    }
    for (const handler of matching) await this.runHandler(handler, envelope, message);
  }

  private async runHandler(
    handler: EventHandler,
    envelope: Envelope,
    message: ReceivedMessage,
  ): Promise<void> {
    const consumer = this.consumerOf(handler);
    const parsed = handler.event.schema.safeParse(envelope.data);
    if (!parsed.success) {
      await this.deadLetter(
        consumer,
        handler.name,
        'invalid-data',
        message,
        parsed.error.message,
        1,
        envelope,
      );
      return;
    }
    const event = { ...envelope, data: parsed.data } as HandledEvent;
    const policy = this.policyOf(handler);
    const parking = policy.delaysMs.length > 0;
    const { db, schema } = this.options;
    if (parking && (await hasParked(db, schema, consumer, orderingKey(message)))) {
      // An earlier event of this key waits for a delayed retry: this one waits behind it.
      await park(db, schema, {
        consumer,
        handler: handler.name,
        eventId: envelope.id,
        eventType: envelope.type,
        message,
        attempts: 0,
        retryAt: new Date(),
      });
      this.stats.count('parkedBehind');
      this.parking.poke();
      return;
    }
    const firstFailedAt = new Date();
    for (let attempt = 1; ; attempt += 1) {
      try {
        const applied = await db
          .transaction()
          .execute((tx) => this.apply(tx, handler, event, message, attempt));
        this.stats.count(applied ? 'processed' : 'duplicates');
        return;
      } catch (error) {
        const laterMs = retryLaterDelay(error);
        if (laterMs !== undefined) {
          // The handler did not try (a dependency is known to be down): not a failed attempt.
          attempt -= 1;
          this.logger.info('handler asked to retry later', {
            handler: consumer,
            eventId: envelope.id,
            delayMs: laterMs,
            reason: (error as Error).message,
          });
          await sleep(laterMs, this.stopSignal.signal);
          if (this.stopSignal.signal.aborted) throw error;
          continue;
        }
        const permanent = isPermanent(error);
        if (permanent || attempt >= policy.maxAttempts) {
          if (!permanent && parking) {
            const retryAt = new Date(Date.now() + delayedRetryDelay(policy, 0));
            await park(db, schema, {
              consumer,
              handler: handler.name,
              eventId: envelope.id,
              eventType: envelope.type,
              message,
              attempts: attempt,
              retryAt,
              failure: { error, firstFailedAt },
            });
            this.stats.count('parked');
            this.logger.warn('handler failed its in-place retries; event parked', {
              handler: consumer,
              eventId: envelope.id,
              key: orderingKey(message),
              attempts: attempt,
              retryAt: retryAt.toISOString(),
              error: errorText(error),
            });
            return;
          }
          const reason = permanent ? 'permanent-error' : 'retries-exhausted';
          await this.deadLetter(
            consumer,
            handler.name,
            reason,
            message,
            error,
            attempt,
            envelope,
            firstFailedAt,
          );
          return;
        }
        this.stats.count('retries');
        const delayMs = backoffDelay(attempt, policy.backoff);
        this.logger.warn('handler failed; retrying', {
          handler: consumer,
          eventId: envelope.id,
          attempt,
          delayMs,
          error: errorText(error),
        });
        await sleep(delayMs, this.stopSignal.signal);
        // Stopping: leave the event unacknowledged; it is redelivered, none of its effect committed.
        if (this.stopSignal.signal.aborted) throw error;
      }
    }
  }

  /** One try, in the caller's transaction: inbox row and effect together. False: a duplicate. */
  private async apply(
    tx: Tx,
    handler: EventHandler,
    event: HandledEvent,
    message: ReceivedMessage,
    attempt: number,
  ): Promise<boolean> {
    const consumer = this.consumerOf(handler);
    const fresh = await recordInInbox(tx, this.options.schema, {
      consumer,
      eventId: event.id,
      eventType: event.type,
      status: 'processed',
    });
    if (!fresh) return false;
    maybeInjectFault(this.options.faults, consumer);
    await runInEventContext({ tx, cause: event }, () =>
      handler.handle(event, { tx, message, attempt }),
    );
    return true;
  }

  /**
   * A delayed try of a parked event (the first of its key, due). Applied: it leaves the lot in
   * the handler's transaction, and the next of its key is due. Failed: the next try is
   * scheduled, or, with no delay left, it goes to dead letters (and leaves the lot with it).
   * Answers whether it left the lot.
   */
  private async retryParked(row: ParkedEvent): Promise<boolean> {
    const { db, schema } = this.options;
    const handler = this.byName.get(row.handler);
    const message = parkedMessage(row);
    const decoded = decodeEnvelope(message);
    if (handler === undefined) {
      const error = `${this.options.service} has no handler named ${row.handler} any more`;
      await this.deadLetterParked(row, 'permanent-error', error);
      return true;
    }
    if (!decoded.ok) {
      await this.deadLetterParked(row, 'permanent-error', `${decoded.reason}: ${decoded.error}`);
      return true;
    }
    const parsed = handler.event.schema.safeParse(decoded.envelope.data);
    if (!parsed.success) {
      await this.deadLetterParked(row, 'invalid-data', parsed.error.message, decoded.envelope);
      return true;
    }
    const event = { ...decoded.envelope, data: parsed.data } as HandledEvent;
    try {
      const outcome = await db.transaction().execute(async (tx) => {
        const claimed = await claimHead(tx, schema, row.seq);
        if (claimed === undefined) return 'not-mine' as const;
        const applied = await this.apply(tx, handler, event, message, claimed.attempts + 1);
        await unpark(tx, schema, row.seq);
        return applied ? ('processed' as const) : ('duplicates' as const);
      });
      if (outcome === 'not-mine') return false;
      this.stats.count(outcome);
      this.stats.count('released');
      return true;
    } catch (error) {
      const policy = this.policyOf(handler);
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
      // An event parked behind another and failing for the first time starts the delays.
      const delayed = row.first_failed_at === null ? 0 : row.delayed_attempts + 1;
      if (isPermanent(error) || delayed >= policy.delaysMs.length) {
        const reason = isPermanent(error) ? 'permanent-error' : 'retries-exhausted';
        await this.deadLetterParked(row, reason, error, event, row.attempts + 1);
        return true;
      }
      const retryAt = new Date(Date.now() + delayedRetryDelay(policy, delayed));
      await reschedule(db, schema, row, {
        retryAt,
        error,
        attempts: row.attempts + 1,
        delayedAttempts: delayed,
      });
      this.stats.count('delayedRetries');
      this.logger.warn('parked event failed again; next try scheduled', {
        handler: row.consumer,
        eventId: row.event_id,
        attempts: row.attempts + 1,
        retryAt: retryAt.toISOString(),
        error: errorText(error),
      });
      return false;
    }
  }

  private async deadLetterParked(
    row: ParkedEvent,
    reason: DeadLetterReason,
    error: unknown,
    envelope?: Envelope,
    attempts = Math.max(1, row.attempts),
  ): Promise<void> {
    await this.deadLetter(
      row.consumer,
      row.handler,
      reason,
      parkedMessage(row),
      error,
      attempts,
      envelope,
      row.first_failed_at ?? new Date(),
      (tx) => unpark(tx, this.options.schema, row.seq),
    );
  }

  private async deadLetter(
    consumer: string,
    handler: string | null,
    reason: DeadLetterReason,
    message: ReceivedMessage,
    error: unknown,
    attempts: number,
    envelope?: Envelope,
    firstFailedAt = new Date(),
    alsoInTransaction?: (tx: Tx) => Promise<void>,
  ): Promise<void> {
    await this.options.db.transaction().execute(async (tx) => {
      await alsoInTransaction?.(tx);
      if (envelope !== undefined) {
        const fresh = await recordInInbox(tx, this.options.schema, {
          consumer,
          eventId: envelope.id,
          eventType: envelope.type,
          status: 'dead-lettered',
        });
        if (!fresh) return;
      }
      await storeDeadLetter(tx, this.options.schema, {
        consumer,
        handler,
        reason,
        message,
        eventId: envelope?.id,
        eventType: envelope?.type ?? message.headers.ce_type,
        eventVersion: envelope?.version,
        error,
        attempts,
        firstFailedAt,
      });
    });
    this.stats.count('deadLettered');
    this.logger.error('event dead-lettered', {
      consumer,
      reason,
      topic: message.topic,
      offset: message.offset,
      eventId: envelope?.id,
      error: errorText(error),
    });
  }
}

type HandledEvent = Parameters<EventHandler['handle']>[0];

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
