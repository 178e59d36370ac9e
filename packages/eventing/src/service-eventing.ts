import type { EventCatalog } from '@eventmart/contracts';
import { ConsumerRunner } from './consumer/consumer-runner.js';
import type { EventHandler, RetryPolicy } from './consumer/event-handler.js';
import type { FaultInjection } from './consumer/fault-injection.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay.js';
import { EventPublisher } from './publisher/event-publisher.js';
import type { SqlDatabase } from './sql/database.port.js';
import type { Logger } from './support/logger.js';
import { TimerPoller, type TimerPollerOptions } from './timers/timer-poller.js';
import type { Transport } from './transport/transport.port.js';

export interface ServiceEventingOptions {
  readonly service: string;
  /** Schema holding the service's tables and its outbox, inbox and dead letters (migrated). */
  readonly schema: string;
  readonly database: SqlDatabase;
  readonly transport: Transport;
  readonly handlers?: readonly EventHandler[];
  readonly catalog?: EventCatalog;
  readonly retry?: Partial<RetryPolicy>;
  readonly maxInFlight?: number;
  readonly relay?: Pick<OutboxRelayOptions, 'batchSize' | 'pollIntervalMs' | 'leaseMs'> & {
    /** Set false for a process that only writes (its relay runs elsewhere). Default true. */
    readonly enabled?: boolean;
  };
  readonly timers?: Pick<TimerPollerOptions, 'pollIntervalMs' | 'batchSize'> & {
    /** Set false for a process that must not fire timers. Default true. */
    readonly enabled?: boolean;
  };
  readonly logger?: Logger;
  /** Injected handler failures, for chaos runs only. */
  readonly faults?: FaultInjection;
}

/** Everything eventing needs for one service, started and stopped together. */
export class ServiceEventing {
  readonly publisher: EventPublisher;
  readonly relay: OutboxRelay;
  readonly timers: TimerPoller;
  readonly consumer: ConsumerRunner;

  constructor(private readonly options: ServiceEventingOptions) {
    const { service, schema, database, transport, logger } = options;
    this.publisher = new EventPublisher({ service, schema, db: database.db });
    this.relay = new OutboxRelay({
      db: database.db,
      schema,
      transport,
      notifier: database.notifier,
      logger,
      ...options.relay,
    });
    this.timers = new TimerPoller({
      db: database.db,
      schema,
      service,
      notifier: database.notifier,
      logger,
      ...options.timers,
    });
    this.consumer = new ConsumerRunner({
      service,
      schema,
      db: database.db,
      transport,
      handlers: options.handlers ?? [],
      catalog: options.catalog,
      retry: options.retry,
      maxInFlight: options.maxInFlight,
      logger,
      faults: options.faults,
    });
  }

  async start(): Promise<void> {
    if (this.options.relay?.enabled !== false) await this.relay.start();
    if (this.options.timers?.enabled !== false) await this.timers.start();
    await this.consumer.start();
  }

  /**
   * Consumers and timers first (their last events reach the outbox), then the relay sends
   * what it can.
   */
  async stop(): Promise<void> {
    await this.consumer.stop();
    await this.timers.stop();
    await this.relay.stop();
  }
}
