// The payment service alone in a Nest application over the given database and an in-memory
// transport, driven by the events a test publishes; for the *.unit.test.ts module tests.
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  EventData,
  EventDefinition,
  EventOf,
  OrderCancelled,
  OrderPlaced,
  StockReserved,
} from '@eventmart/contracts';
import {
  InMemoryTransport,
  encodeEnvelope,
  eventingTables,
  newEnvelope,
  type ConsumerStats,
  type SqlDatabase,
} from '@eventmart/eventing';
import { EventingModule, ServiceEventingHost } from '@eventmart/nestjs';
import { Module, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PaymentQueries } from '../application/payment-queries.js';
import type { PaymentModuleOptions } from '../application/payment-settings.js';
import type { Payment } from '../domain/payment.js';
import { PaymentModule } from '../payment.module.js';

export interface PublishedEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export class PaymentHarness {
  private sent = 0;

  private constructor(
    readonly app: INestApplicationContext,
    readonly database: SqlDatabase,
    readonly transport: InMemoryTransport,
  ) {}

  /** `logger` receives what the service logs (nothing is logged by default). */
  static async start(
    database: SqlDatabase,
    options: PaymentModuleOptions,
    logger: LoggerService | false = false,
  ): Promise<PaymentHarness> {
    const transport = new InMemoryTransport();
    @Module({
      imports: [EventingModule.forRoot({ database, transport }), PaymentModule.forRoot(options)],
    })
    class PaymentTestApp {}
    const app = await NestFactory.createApplicationContext(PaymentTestApp, { logger });
    return new PaymentHarness(app, database, transport);
  }

  /** What payment's consumer did: processed, duplicates, retries, dead-lettered... */
  get stats(): ConsumerStats {
    // The only service here, so the first host found is payment's.
    return this.app.get(ServiceEventingHost).eventing.consumer.stats;
  }

  /** Publishes a new event about `subject`, as another service would. */
  async send<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    subject: string,
  ): Promise<EventOf<D>> {
    const envelope = newEnvelope(definition, data, { subject, source: 'test' });
    await this.deliver([envelope], definition.topic);
    return envelope;
  }

  /** Delivers envelopes as they are: sending one twice is a redelivery of the same event. */
  async deliver(envelopes: readonly EventOf<EventDefinition>[], topic: string): Promise<void> {
    this.sent += envelopes.length;
    await this.transport.publish(envelopes.map((envelope) => encodeEnvelope(envelope, topic)));
  }

  /**
   * Waits until every event sent so far was handled, found a duplicate or dead-lettered, and
   * every provider call a payment owes was answered.
   */
  async settle(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.settleEvents(timeoutMs);
    while ((await this.owedCalls()) > 0) {
      if (Date.now() > deadline) throw new Error(`provider calls still owed`);
      await sleep(5);
    }
  }

  /** Waits until every event sent so far was handled, found a duplicate or dead-lettered. */
  async settleEvents(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const done = (): number =>
      this.stats.get('processed') + this.stats.get('duplicates') + this.stats.get('deadLettered');
    while (done() < this.sent) {
      if (Date.now() > deadline) throw new Error(`${String(this.sent - done())} events unhandled`);
      await sleep(5);
    }
  }

  /** Payments with a charge or refund still to make. */
  async owedCalls(): Promise<number> {
    const row = await this.database.db
      .withSchema('payment')
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('call_due_at', 'is not', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** What payment published about the order (its outbox: committed, in order). */
  async published(orderId: string): Promise<PublishedEvent[]> {
    const rows = await eventingTables(this.database.db, 'payment')
      .selectFrom('outbox')
      .select(['event_type', 'payload'])
      .where('message_key', '=', orderId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({
      type: row.event_type,
      data: JSON.parse(row.payload) as Record<string, unknown>,
    }));
  }

  async deadLetters(): Promise<{ consumer: string; error: string; attempts: number }[]> {
    return eventingTables(this.database.db, 'payment')
      .selectFrom('dead_letters')
      .select(['consumer', 'error', 'attempts'])
      .execute();
  }

  payment(orderId: string): Promise<Payment | undefined> {
    return this.app.get(PaymentQueries).find(orderId);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.transport.close();
  }
}

/** Polls `check` until it holds, failing with `what` after 15 s. */
export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export function orderPlaced(
  orderId: string,
  paymentToken = 'tok_visa',
  total = 4_200,
): EventData<typeof OrderPlaced> {
  return {
    orderId,
    customerId: 'customer-1',
    lines: [{ sku: 'BOOK', quantity: 1, unitPrice: total }],
    total,
    currency: 'EUR',
    paymentToken,
  };
}

export function stockReserved(orderId: string): EventData<typeof StockReserved> {
  return { orderId, lines: [{ sku: 'BOOK', quantity: 1 }] };
}

export function orderCancelled(
  orderId: string,
  reason: EventData<typeof OrderCancelled>['reason'] = 'CUSTOMER_REQUEST',
  wasPaid = false,
): EventData<typeof OrderCancelled> {
  return { orderId, customerId: 'customer-1', reason, wasPaid };
}
