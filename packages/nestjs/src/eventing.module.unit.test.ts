import { setTimeout as sleep } from 'node:timers/promises';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from '@eventmart/contracts';
import {
  InMemoryTransport,
  encodeEnvelope,
  newEnvelope,
  type SqlDatabase,
} from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventingModule } from './index.js';
import {
  InventoryModule,
  InventoryReportsModule,
  OrdersModule,
  OrdersSaga,
  Probe,
  Reporting,
  ReportingModule,
  ReserveStock,
  SharedListener,
  SlowConfirmation,
  StockReport,
  WarehouseSync,
  placed,
} from './two-services.fixture.js';

async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('EventingModule with two services in one process', () => {
  let database: SqlDatabase;
  let transport: InMemoryTransport;
  let app: INestApplicationContext;
  let handlesBefore: string[];
  // strict: the instance declared in that module, not the first one found anywhere.
  const inOrders = <T>(type: new (...args: never[]) => T): T =>
    app.select(OrdersModule).get(type, { strict: true });
  const inInventory = <T>(type: new (...args: never[]) => T): T =>
    app.select(InventoryModule).get(type, { strict: true });

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    transport = new InMemoryTransport();
    handlesBefore = process.getActiveResourcesInfo();
    @Module({
      imports: [
        EventingModule.forRoot({ database, transport }),
        OrdersModule,
        InventoryModule,
        InventoryReportsModule,
        ReportingModule,
      ],
    })
    class AppModule {}
    app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  });

  afterAll(async () => {
    await app.close();
    await transport.close();
    await database.close();
  });

  it('finds each service module its own handlers, and no other', () => {
    expect([...inOrders(Probe).host.handlers].sort()).toEqual([
      'OrdersSaga.onStockReserved',
      'Probe.onOrderPlaced',
    ]);
    expect([...inInventory(Probe).host.handlers].sort()).toEqual([
      'Probe.onOrderPlaced',
      'ReserveStock.onOrderPlaced',
      'SlowConfirmation.onOrderConfirmed',
      'WarehouseSync.onOrderCancelled',
      'reports.order-placed',
    ]);
  });

  it('carries an event from orders to inventory and the reply back, caused and correlated', async () => {
    const publisher = inOrders(Probe).publisher;
    const event = await publisher.unitOfWork(
      async (tx, context) => {
        await tx
          .insertInto('orders')
          .values({ id: 'order-1', customer_id: 'customer-1', status: 'placed' })
          .execute();
        return publisher.publish(OrderPlaced, placed('order-1'), { subject: 'order-1', context });
      },
      { correlationId: 'request-1' },
    );

    const saga = inOrders(OrdersSaga);
    const reply = await eventually(() => saga.replies.find((r) => r.data.orderId === 'order-1'));
    expect(reply).toMatchObject({
      source: 'inventory',
      causationId: event.id,
      correlationId: 'request-1',
    });
    expect(event).toMatchObject({
      source: 'orders',
      correlationId: 'request-1',
      causationId: null,
    });
    const order = await database.db
      .withSchema('orders')
      .selectFrom('orders')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({ id: 'order-1', status: 'reserved' });
    // Each service's copy of Probe saw the order once, for its own service.
    await eventually(
      () => inOrders(Probe).seen.length === 1 && inInventory(Probe).seen.length === 1,
    );
    await eventually(() =>
      app.select(InventoryReportsModule).get(StockReport).orders.includes('order-1'),
    );
    expect(app.get(Reporting).calls).toBe(0);
    expect(app.get(SharedListener).calls).toBe(0);
  });

  it('applies an event delivered twice once', async () => {
    const envelope = newEnvelope(OrderPlaced, placed('order-2'), {
      subject: 'order-2',
      source: 'test',
    });
    const message = encodeEnvelope(envelope, OrderPlaced.topic);
    await transport.publish([message]);
    await transport.publish([message]);

    const stats = inInventory(Probe).host.eventing.consumer.stats;
    // Three handlers of inventory take OrderPlaced; the second delivery is a duplicate for each.
    await eventually(() => stats.get('duplicates') >= 3);
    await eventually(() => inOrders(OrdersSaga).replies.some((r) => r.data.orderId === 'order-2'));
    await sleep(100);
    expect(inInventory(ReserveStock).calls.filter((id) => id === 'order-2')).toHaveLength(1);
    const rows = await database.db
      .withSchema('inventory')
      .selectFrom('reservations')
      .selectAll()
      .where('order_id', '=', 'order-2')
      .execute();
    expect(rows).toHaveLength(1);
    expect(inOrders(OrdersSaga).replies.filter((r) => r.data.orderId === 'order-2')).toHaveLength(
      1,
    );
  });

  it('retries a failing handler, then dead-letters the event in its service schema', async () => {
    const publisher = inOrders(Probe).publisher;
    const event = await publisher.unitOfWork((_tx, context) =>
      publisher.publish(
        OrderCancelled,
        {
          orderId: 'order-3',
          customerId: 'customer-1',
          reason: 'CUSTOMER_REQUEST',
          wasPaid: false,
        },
        { subject: 'order-3', context },
      ),
    );

    const deadLetter = await eventually(() =>
      database.db
        .withSchema('inventory')
        .selectFrom('dead_letters')
        .selectAll()
        .where('event_id', '=', event.id)
        .executeTakeFirst(),
    );
    expect(deadLetter).toMatchObject({
      consumer: 'inventory.WarehouseSync.onOrderCancelled',
      handler: 'WarehouseSync.onOrderCancelled',
      reason: 'retries-exhausted',
      topic: OrderCancelled.topic,
      error: 'warehouse offline',
      attempts: 3,
    });
    expect(inInventory(WarehouseSync).attempts).toBe(3);
    const ordersDeadLetters = await database.db
      .withSchema('orders')
      .selectFrom('dead_letters')
      .selectAll()
      .execute();
    expect(ordersDeadLetters).toEqual([]);
  });

  it('closes after the handlers in flight finish, leaving what it was given open', async () => {
    const publisher = inOrders(Probe).publisher;
    const confirmation = inInventory(SlowConfirmation);
    await publisher.unitOfWork((_tx, context) =>
      publisher.publish(
        OrderConfirmed,
        { orderId: 'order-4', customerId: 'customer-1', total: 3_000, currency: 'EUR' },
        { subject: 'order-4', context },
      ),
    );
    await confirmation.started;

    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await sleep(100);
    expect(closed).toBe(false);
    confirmation.finish();
    await closing;

    expect(confirmation.finished).toBe(true);
    const inbox = await database.db
      .withSchema('inventory')
      .selectFrom('inbox')
      .select('consumer')
      .where('consumer', '=', 'inventory.SlowConfirmation.onOrderConfirmed')
      .execute();
    expect(inbox).toHaveLength(1);
    // Passed in, so still open: the caller closes them.
    await expect(transport.publish([])).resolves.toBeUndefined();
    expect(process.getActiveResourcesInfo()).toEqual(handlesBefore);
  });
});
