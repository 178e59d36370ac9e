import { EventCatalog, type Envelope } from '@eventmart/contracts';
import { runInEventContext } from '../context/event-context.js';
import { decodeEnvelope } from '../envelope/cloudevents-codec.js';
import { recordInInbox } from '../inbox/inbox.js';
import { backoffDelay, sleep } from '../support/backoff.js';
import { silentLogger, type Logger } from '../support/logger.js';
import type { Db } from '../sql/database.port.js';
import type { ReceivedMessage } from '../transport/message.js';
import type { Subscription, Transport } from '../transport/transport.port.js';
import { storeDeadLetter, type DeadLetterReason } from '../dead-letters/dead-letter.js';
import { isPermanent, retryLaterDelay } from './errors.js';
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
}

/**
 * Runs a service's handlers over its topics. Each handler runs in its own transaction, behind
 * the inbox, with in-place retries; what cannot be handled goes to dead letters with the cause.
 * The message is acknowledged only once every handler committed or dead-lettered it, so a crash
 * or a stop in between means redelivery, never loss. Ordering and concurrency come from the
 * transport: one event per subject at a time, several subjects at once.
 */
export class ConsumerRunner {
  readonly stats = new ConsumerStats();
  private readonly catalog: EventCatalog;
  private readonly byType = new Map<string, EventHandler[]>();
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
      const list = this.byType.get(handler.event.type) ?? [];
      list.push(handler);
      this.byType.set(handler.event.type, list);
    }
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
  }

  /** Lets handlers in flight finish (a retry waiting on its backoff gives up and is redelivered). */
  async stop(): Promise<void> {
    this.stopSignal.abort();
    await this.subscription?.close();
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
    const consumer = `${this.options.service}.${handler.name}`;
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
    const event = { ...envelope, data: parsed.data } as Parameters<EventHandler['handle']>[0];
    const policy: RetryPolicy = { ...DEFAULT_RETRY, ...this.options.retry, ...handler.retry };
    const firstFailedAt = new Date();
    for (let attempt = 1; ; attempt += 1) {
      try {
        const applied = await this.options.db.transaction().execute(async (tx) => {
          const fresh = await recordInInbox(tx, this.options.schema, {
            consumer,
            eventId: envelope.id,
            eventType: envelope.type,
            status: 'processed',
          });
          if (!fresh) return false;
          await runInEventContext({ tx, cause: envelope }, () =>
            handler.handle(event, { tx, message, attempt }),
          );
          return true;
        });
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
          error: error instanceof Error ? error.message : String(error),
        });
        await sleep(delayMs, this.stopSignal.signal);
        // Stopping: leave the event unacknowledged; it is redelivered, none of its effect committed.
        if (this.stopSignal.signal.aborted) throw error;
      }
    }
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
  ): Promise<void> {
    await this.options.db.transaction().execute(async (tx) => {
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
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
