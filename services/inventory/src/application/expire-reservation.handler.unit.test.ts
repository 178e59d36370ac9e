import { setTimeout as sleep } from 'node:timers/promises';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  OrderShipped,
  StockReservationExpired,
} from '@eventmart/contracts';
import { timerTables, type SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  InventoryHarness,
  orderCancelled,
  orderPlaced,
  orderShipped,
} from '../testing/inventory-harness.fixture.js';
import { reservationExpiryId } from './reservation-expiry.js';

const TTL_MS = 300;

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('a reservation that nobody settles expires (a durable timer)', () => {
  let database: SqlDatabase;
  let inventory: InventoryHarness;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    inventory = await InventoryHarness.start(database, { reservationTtlMs: TTL_MS });
    await inventory.catalogue.upsert([
      { sku: 'CHAIR', name: 'Chair', unitPrice: 9_900, currency: 'EUR', stock: 10 },
    ]);
  });
  afterEach(async () => expect(await inventory.deadLetters()).toEqual([]));
  afterAll(async () => {
    await inventory.close();
    await database.close();
  });

  const reserve = async (orderId: string, quantity = 2) => {
    await inventory.send(OrderPlaced, orderPlaced(orderId, [{ sku: 'CHAIR', quantity }]), orderId);
    await inventory.settle();
  };
  const types = async (orderId: string) =>
    (await inventory.published(orderId)).map((event) => event.type);
  const timer = (orderId: string) =>
    timerTables(database.db, 'inventory')
      .selectFrom('timers')
      .selectAll()
      .where('id', '=', reservationExpiryId(orderId))
      .executeTakeFirstOrThrow();
  const orderStatus = async (orderId: string) =>
    (
      await database.db
        .withSchema('inventory')
        .selectFrom('order_stock')
        .select('status')
        .where('order_id', '=', orderId)
        .executeTakeFirstOrThrow()
    ).status as string;

  it('releases the stock of an order neither confirmed nor cancelled, as RESERVATION_EXPIRED', async () => {
    const before = await inventory.product('CHAIR');
    const reservedAt = Date.now();
    await reserve('o-unpaid');
    expect((await inventory.product('CHAIR')).available).toBe(before.available - 2);

    await eventually(async () => (await types('o-unpaid')).includes('stock.released'));
    expect(Date.now() - reservedAt).toBeGreaterThanOrEqual(TTL_MS);
    expect(await inventory.product('CHAIR')).toEqual(before);
    expect(await inventory.published('o-unpaid')).toEqual([
      expect.objectContaining({ type: 'stock.reserved' }),
      expect.objectContaining({
        type: StockReservationExpired.type,
        data: expect.objectContaining({ orderId: 'o-unpaid', afterMs: TTL_MS }) as unknown,
      }),
      {
        type: 'stock.released',
        subject: 'o-unpaid',
        data: {
          orderId: 'o-unpaid',
          lines: [{ sku: 'CHAIR', quantity: 2 }],
          reason: 'RESERVATION_EXPIRED',
        },
      },
    ]);
    expect(await orderStatus('o-unpaid')).toBe('RELEASED');
  });

  it('never expires a confirmed reservation, which ships as usual', async () => {
    await reserve('o-paid');
    await inventory.send(
      OrderConfirmed,
      { orderId: 'o-paid', customerId: 'customer-1', total: 2_000, currency: 'EUR' },
      'o-paid',
    );
    await inventory.settle();
    expect(await timer('o-paid')).toMatchObject({ status: 'cancelled' });
    expect(await orderStatus('o-paid')).toBe('CONFIRMED');
    await sleep(TTL_MS + 300);
    expect(await types('o-paid')).toEqual(['stock.reserved']);

    const sold = (await inventory.product('CHAIR')).sold;
    await inventory.send(OrderShipped, orderShipped('o-paid'), 'o-paid');
    await inventory.settle();
    expect((await inventory.product('CHAIR')).sold).toBe(sold + 2);
  });

  it('stops the clock when the order is cancelled: released once, for the cancellation', async () => {
    await reserve('o-cancelled');
    await inventory.send(
      OrderCancelled,
      orderCancelled('o-cancelled', 'CUSTOMER_REQUEST'),
      'o-cancelled',
    );
    await inventory.settle();
    expect(await timer('o-cancelled')).toMatchObject({ status: 'cancelled' });
    await sleep(TTL_MS + 300);
    const published = await inventory.published('o-cancelled');
    expect(published.map((event) => event.type)).toEqual(['stock.reserved', 'stock.released']);
    expect(published[1]?.data).toMatchObject({ reason: 'CUSTOMER_REQUEST' });
  });

  it('ignores an expiry that fired just before the confirmation was handled', async () => {
    await reserve('o-race');
    await inventory.send(
      OrderConfirmed,
      { orderId: 'o-race', customerId: 'customer-1', total: 2_000, currency: 'EUR' },
      'o-race',
    );
    await inventory.settle();
    const held = await inventory.product('CHAIR');
    // The timer's event, as it would arrive had it fired before order.confirmed was handled.
    const dueAt = new Date().toISOString();
    await inventory.send(
      StockReservationExpired,
      { orderId: 'o-race', dueAt, afterMs: TTL_MS },
      'o-race',
    );
    await inventory.settle();
    expect(await inventory.product('CHAIR')).toEqual(held);
    expect(await orderStatus('o-race')).toBe('CONFIRMED');
  });

  it('releases once whatever expiries and confirmations come after the release', async () => {
    await reserve('o-late');
    await eventually(async () => (await orderStatus('o-late')) === 'RELEASED');
    const after = await inventory.product('CHAIR');
    const expiry = await inventory.send(
      StockReservationExpired,
      { orderId: 'o-late', dueAt: new Date().toISOString(), afterMs: TTL_MS },
      'o-late',
    );
    await inventory.deliver([expiry], StockReservationExpired.topic);
    await inventory.send(
      OrderConfirmed,
      { orderId: 'o-late', customerId: 'customer-1', total: 2_000, currency: 'EUR' },
      'o-late',
    );
    await inventory.settle();
    expect(await inventory.product('CHAIR')).toEqual(after);
    expect(await orderStatus('o-late')).toBe('RELEASED');
    expect((await types('o-late')).filter((type) => type === 'stock.released')).toHaveLength(1);
  });
});
