// The inventory service alone in a Nest application over the given database and an in-memory
// transport, driven by the events a test publishes; for the *.unit.test.ts module tests.
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  EventData,
  EventDefinition,
  EventOf,
  OrderCancelled,
  OrderPlaced,
  OrderShipped,
} from '@eventmart/contracts';
import {
  InMemoryTransport,
  ServiceEventing,
  encodeEnvelope,
  eventingTables,
  newEnvelope,
  type SqlDatabase,
} from '@eventmart/eventing';
import { EventingModule, ServiceEventingHost } from '@eventmart/nestjs';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InventoryCatalogue } from '../application/inventory-catalogue.js';
import type { InventoryModuleOptions } from '../application/inventory-settings.js';
import { ProductQueries } from '../application/product-queries.js';
import type { Product } from '../domain/product.js';
import { InventoryModule } from '../inventory.module.js';

export interface PublishedEvent {
  readonly type: string;
  readonly subject: string;
  readonly data: Record<string, unknown>;
}

export class InventoryHarness {
  private sent = 0;

  private constructor(
    readonly app: INestApplicationContext,
    readonly database: SqlDatabase,
    readonly transport: InMemoryTransport,
  ) {}

  /** The module as is, or as InventoryModule.forRoot(options) when given options. */
  static async start(
    database: SqlDatabase,
    options?: InventoryModuleOptions,
  ): Promise<InventoryHarness> {
    const transport = new InMemoryTransport();
    const inventory = options === undefined ? InventoryModule : InventoryModule.forRoot(options);
    @Module({ imports: [EventingModule.forRoot({ database, transport }), inventory] })
    class InventoryTestApp {}
    const app = await NestFactory.createApplicationContext(InventoryTestApp, { logger: false });
    return new InventoryHarness(app, database, transport);
  }

  get catalogue(): InventoryCatalogue {
    return this.app.get(InventoryCatalogue);
  }

  get queries(): ProductQueries {
    return this.app.get(ProductQueries);
  }

  /** What inventory's consumer did: processed, duplicates, retries, dead-lettered... */
  get stats(): ServiceEventing['consumer']['stats'] {
    return this.eventing.consumer.stats;
  }

  private get eventing(): ServiceEventing {
    // The only service here, so the first host found is inventory's.
    return this.app.get(ServiceEventingHost).eventing;
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
   * Waits until every event sent so far was handled, found a duplicate or dead-lettered. The
   * events of inventory's timers are not counted: they are for the order service.
   */
  async settle(timeoutMs = 10_000): Promise<void> {
    const stats = this.stats;
    const deadline = Date.now() + timeoutMs;
    const done = (): number =>
      stats.get('processed') + stats.get('duplicates') + stats.get('deadLettered');
    const expected = (): number => this.sent;
    while (done() < expected()) {
      if (Date.now() > deadline) {
        throw new Error(`${String(expected() - done())} events unhandled`);
      }
      await sleep(5);
    }
  }

  /** What inventory published (its outbox: committed, in order), optionally about one order. */
  async published(subject?: string): Promise<PublishedEvent[]> {
    let query = eventingTables(this.database.db, 'inventory')
      .selectFrom('outbox')
      .select(['event_type', 'message_key', 'payload'])
      .orderBy('seq');
    if (subject !== undefined) query = query.where('message_key', '=', subject);
    const rows = await query.execute();
    return rows.map((row) => ({
      type: row.event_type,
      subject: row.message_key,
      data: JSON.parse(row.payload) as Record<string, unknown>,
    }));
  }

  async deadLetters(): Promise<{ consumer: string; error: string }[]> {
    return eventingTables(this.database.db, 'inventory')
      .selectFrom('dead_letters')
      .select(['consumer', 'error'])
      .execute();
  }

  async product(sku: string): Promise<Product> {
    const lookup = await this.queries.get([sku]);
    if (!lookup.found) throw new Error(`no product ${sku}`);
    const [product] = lookup.products;
    if (product === undefined) throw new Error(`no product ${sku}`);
    return product;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.transport.close();
  }
}

/** order.placed data for `lines` (prices do not matter to inventory). */
export function orderPlaced(
  orderId: string,
  lines: readonly { sku: string; quantity: number }[],
): EventData<typeof OrderPlaced> {
  return {
    orderId,
    customerId: 'customer-1',
    lines: lines.map((line) => ({ ...line, unitPrice: 1_000 })),
    total: lines.reduce((sum, line) => sum + line.quantity * 1_000, 0),
    currency: 'EUR',
    paymentToken: 'tok_visa',
  };
}

export function orderCancelled(
  orderId: string,
  reason: EventData<typeof OrderCancelled>['reason'] = 'PAYMENT_DECLINED',
): EventData<typeof OrderCancelled> {
  return { orderId, customerId: 'customer-1', reason, wasPaid: false };
}

export function orderShipped(orderId: string): EventData<typeof OrderShipped> {
  return { orderId, customerId: 'customer-1', shipmentId: `shipment-${orderId}` };
}
