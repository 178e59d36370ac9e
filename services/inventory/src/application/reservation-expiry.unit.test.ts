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

describe("a reservation's expiry (a durable timer) reports, and releases nothing itself", () => {
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
  const confirm = (orderId: string) =>
    inventory.send(
      OrderConfirmed,
      { orderId, customerId: 'customer-1', total: 2_000, currency: 'EUR' },
      orderId,
    );
  const types = async (orderId: string) =>
    (await inventory.published(orderId)).map((event) => event.type);
  const timer = (orderId: string) =>
    timerTables(database.db, 'inventory')
      .selectFrom('timers')
      .selectAll()
      .where('id', '=', reservationExpiryId(orderId))
      .executeTakeFirstOrThrow();

  it('publishes stock.reservation-expired after the TTL and keeps the stock held', async () => {
    const before = await inventory.product('CHAIR');
    const reservedAt = Date.now();
    await reserve('o-slow');
    await eventually(async () => (await types('o-slow')).includes(StockReservationExpired.type));
    expect(Date.now() - reservedAt).toBeGreaterThanOrEqual(TTL_MS);
    await inventory.settle();
    expect(await inventory.published('o-slow')).toEqual([
      expect.objectContaining({ type: 'stock.reserved' }),
      expect.objectContaining({
        type: StockReservationExpired.type,
        subject: 'o-slow',
        data: expect.objectContaining({ orderId: 'o-slow', afterMs: TTL_MS }) as unknown,
      }),
    ]);
    // Only the order service decides: the stock stays held until it cancels or confirms.
    expect((await inventory.product('CHAIR')).reserved).toBe(before.reserved + 2);
  });

  it('confirms and sells a reservation whose timer fired before order.confirmed arrived', async () => {
    await reserve('o-paid-late');
    await eventually(async () =>
      (await types('o-paid-late')).includes(StockReservationExpired.type),
    );
    const sold = (await inventory.product('CHAIR')).sold;
    await confirm('o-paid-late');
    await inventory.send(OrderShipped, orderShipped('o-paid-late'), 'o-paid-late');
    await inventory.settle();
    expect((await inventory.product('CHAIR')).sold).toBe(sold + 2);
    expect(await types('o-paid-late')).not.toContain('stock.released');
  });

  it('releases, once, when the order service cancels the order after the expiry', async () => {
    const before = await inventory.product('CHAIR');
    await reserve('o-unpaid');
    await eventually(async () => (await types('o-unpaid')).includes(StockReservationExpired.type));
    await inventory.send(OrderCancelled, orderCancelled('o-unpaid', 'PAYMENT_TIMEOUT'), 'o-unpaid');
    await inventory.settle();
    expect(await inventory.product('CHAIR')).toEqual(before);
    const released = (await inventory.published('o-unpaid')).filter(
      (event) => event.type === 'stock.released',
    );
    expect(released.map((event) => event.data.reason)).toEqual(['PAYMENT_TIMEOUT']);
  });

  it('is cleared by order.confirmed and by order.cancelled, and then never fires', async () => {
    await reserve('o-confirmed');
    await confirm('o-confirmed');
    await reserve('o-cancelled');
    await inventory.send(
      OrderCancelled,
      orderCancelled('o-cancelled', 'CUSTOMER_REQUEST'),
      'o-cancelled',
    );
    await inventory.settle();
    expect(await timer('o-confirmed')).toMatchObject({ status: 'cancelled' });
    expect(await timer('o-cancelled')).toMatchObject({ status: 'cancelled' });
    await sleep(TTL_MS + 300);
    expect(await types('o-confirmed')).toEqual(['stock.reserved']);
    expect(await types('o-cancelled')).toEqual(['stock.reserved', 'stock.released']);
  });
});
