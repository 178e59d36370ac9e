import {
  OrderPaymentDeadlinePassed,
  OrderShipped,
  PaymentSucceeded,
  Rpc,
  StockReservationExpired,
  StockReserved,
} from '@eventmart/contracts';
import { timerTables } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { NestFactory } from '@nestjs/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentDeadlineId } from './application/payment-deadline.js';
import { CUSTOMER, OrderApp, eventually } from './order-app.fixture.js';

const LINES = [{ sku: 'BOOK-1', quantity: 2 }];
const DEADLINE_MS = 300;

function saga(orders: OrderApp) {
  return {
    reserve: (orderId: string) => orders.deliver(StockReserved, { orderId, lines: LINES }),
    pay: (orderId: string) =>
      orders.deliver(
        PaymentSucceeded,
        { orderId, paymentId: 'pay-1', amount: 3_250, currency: 'EUR' },
        { source: 'payment' },
      ),
    types: async (orderId: string) => (await orders.published(orderId)).map((e) => e.type),
    timer: (orderId: string) =>
      timerTables(orders.database.db, 'order')
        .selectFrom('timers')
        .selectAll()
        .where('id', '=', paymentDeadlineId(orderId))
        .executeTakeFirstOrThrow(),
    status: async (orderId: string) => (await orders.row(orderId))?.status,
  };
}

describe('the payment deadline of an order (a durable timer)', () => {
  let orders: OrderApp;
  let s: ReturnType<typeof saga>;
  beforeAll(async () => {
    orders = await OrderApp.start(await openDatabase({ dataDir: 'memory://' }), NestFactory, {
      paymentDeadlineMs: DEADLINE_MS,
    });
    s = saga(orders);
  });
  afterAll(() => orders.stop());

  it('cancels an order nobody paid for once the deadline passes, as a payment timeout', async () => {
    const placedAt = Date.now();
    const order = await orders.place({ correlationId: 'request-deadline' });
    await s.reserve(order.id);
    await eventually(async () => (await s.status(order.id)) === 'CANCELLED');
    expect(Date.now() - placedAt).toBeGreaterThanOrEqual(DEADLINE_MS);

    expect(await orders.row(order.id)).toMatchObject({
      cancellation_reason: 'PAYMENT_TIMEOUT',
      cancellation_detail: 'no payment within 300 ms of placing the order',
    });
    const [placed, deadline, cancelled] = await orders.published(order.id);
    expect([placed?.type, deadline?.type, cancelled?.type]).toEqual([
      'order.placed',
      OrderPaymentDeadlinePassed.type,
      'order.cancelled',
    ]);
    // The timer's event belongs to the order's saga, and the cancellation follows from it.
    expect(deadline).toMatchObject({
      source: 'order',
      subject: order.id,
      correlationId: 'request-deadline',
      data: { orderId: order.id, afterMs: DEADLINE_MS },
    });
    expect(cancelled).toMatchObject({
      causationId: deadline?.id,
      correlationId: 'request-deadline',
      data: { reason: 'PAYMENT_TIMEOUT', wasPaid: false },
    });
    expect(await s.timer(order.id)).toMatchObject({ status: 'fired', event_id: deadline?.id });
  });

  it('is cleared when the order is confirmed in time', async () => {
    const order = await orders.place();
    await s.reserve(order.id);
    await s.pay(order.id);
    expect(await s.status(order.id)).toBe('CONFIRMED');
    expect(await s.timer(order.id)).toMatchObject({ status: 'cancelled', event_id: null });
    await sleep(DEADLINE_MS + 300);
    expect(await s.status(order.id)).toBe('CONFIRMED');
    expect(await s.types(order.id)).toEqual(['order.placed', 'order.confirmed']);
  });

  it('is cleared when the customer cancels', async () => {
    const order = await orders.place();
    await orders.call(Rpc.cancelOrder, { orderId: order.id, customerId: CUSTOMER });
    expect(await s.timer(order.id)).toMatchObject({ status: 'cancelled' });
    await sleep(DEADLINE_MS + 300);
    expect(await s.types(order.id)).toEqual(['order.placed', 'order.cancelled']);
    expect(await orders.row(order.id)).toMatchObject({ cancellation_reason: 'CUSTOMER_REQUEST' });
  });

  it('spares an order whose payment was reported before its reservation', async () => {
    const order = await orders.place();
    await s.pay(order.id);
    await eventually(async () => (await s.timer(order.id)).status === 'fired');
    const deadline = (await orders.published(order.id)).find(
      (e) => e.type === OrderPaymentDeadlinePassed.type,
    );
    expect(await orders.handled(deadline?.id ?? '')).toBe('processed');
    expect(await s.status(order.id)).toBe('PLACED');
    await s.reserve(order.id);
    expect(await s.status(order.id)).toBe('CONFIRMED');
  });

  it('records a charge that lands after the deadline cancelled the order, for the refund', async () => {
    const order = await orders.place();
    await s.reserve(order.id);
    await eventually(async () => (await s.status(order.id)) === 'CANCELLED');
    await s.pay(order.id);
    expect((await orders.stream(order.id)).map((e) => e.type)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'OrderCancelled',
      'PaymentCaptured',
    ]);
    // order.cancelled went out unpaid; payment refunds a charge it makes for a cancelled order.
    expect(await s.types(order.id)).toEqual([
      'order.placed',
      OrderPaymentDeadlinePassed.type,
      'order.cancelled',
    ]);
  });
});

describe("the stock reservation's expiry, inventory's timer", () => {
  let orders: OrderApp;
  let s: ReturnType<typeof saga>;
  beforeAll(async () => {
    // A deadline far away: here the reservation's expiry comes first (the order service was
    // down, or inventory's timer is shorter).
    orders = await OrderApp.start(await openDatabase({ dataDir: 'memory://' }), NestFactory, {
      paymentDeadlineMs: 60_000,
    });
    s = saga(orders);
  });
  afterAll(() => orders.stop());

  const expired = (orderId: string) =>
    orders.deliver(StockReservationExpired, {
      orderId,
      dueAt: new Date().toISOString(),
      afterMs: 120_000,
    });

  it('cancels an unpaid order as a payment timeout, and clears its deadline', async () => {
    const order = await orders.place();
    await s.reserve(order.id);
    await expired(order.id);
    expect(await orders.row(order.id)).toMatchObject({
      status: 'CANCELLED',
      cancellation_reason: 'PAYMENT_TIMEOUT',
      cancellation_detail: 'no payment while the stock was held for 120 s',
    });
    expect(await s.timer(order.id)).toMatchObject({ status: 'cancelled' });
    // order.cancelled is what makes inventory release the stock.
    const cancelled = (await orders.published(order.id)).at(-1);
    expect(cancelled).toMatchObject({ type: 'order.cancelled', data: { wasPaid: false } });
  });

  it('leaves a confirmed order confirmed: nothing cancelled, nothing refunded', async () => {
    const order = await orders.place();
    await s.reserve(order.id);
    await s.pay(order.id);
    const release = await expired(order.id);
    expect(await orders.handled(release.id)).toBe('processed');
    expect(await s.status(order.id)).toBe('CONFIRMED');
    expect(await s.types(order.id)).toEqual(['order.placed', 'order.confirmed']);
  });

  it('leaves an order paid before its reservation was reported', async () => {
    const order = await orders.place();
    await s.pay(order.id);
    await expired(order.id);
    await s.reserve(order.id);
    expect(await s.status(order.id)).toBe('CONFIRMED');
  });

  it('is processed, changing nothing, for a shipped or a cancelled order', async () => {
    const shipped = await orders.place();
    await s.reserve(shipped.id);
    await s.pay(shipped.id);
    await orders.deliver(
      OrderShipped,
      { orderId: shipped.id, customerId: CUSTOMER, shipmentId: 'ship-1' },
      { source: 'fulfillment' },
    );
    const cancelled = await orders.place();
    await orders.call(Rpc.cancelOrder, { orderId: cancelled.id });
    for (const order of [shipped, cancelled]) {
      const before = await orders.stream(order.id);
      const expiry = await expired(order.id);
      expect(await orders.handled(expiry.id)).toBe('processed');
      expect(await orders.stream(order.id)).toEqual(before);
    }
  });
});
