import {
  OrderCancelled,
  OrderConfirmed,
  PaymentSucceeded,
  StockReserved,
  Rpc,
} from '@eventmart/contracts';
import type { Db, Tx } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { NestFactory } from '@nestjs/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_ATTEMPTS } from './application/order-command-handler.js';
import { ConcurrencyError, OrderEventStore } from './application/order-event-store.port.js';
import { OrderReadModel } from './application/order-read-model.port.js';
import { CUSTOMER, OrderApp, failureOf } from './order-app.fixture.js';

describe('two writers on one order', () => {
  let orders: OrderApp;
  let store: OrderEventStore;
  beforeAll(async () => {
    orders = await OrderApp.start(await openDatabase({ dataDir: 'memory://' }), NestFactory);
    store = orders.app.get(OrderEventStore);
  });
  afterAll(() => orders.stop());
  afterEach(() => vi.restoreAllMocks());

  const reservedOrder = async () => {
    const order = await orders.place();
    await orders.deliver(StockReserved, {
      orderId: order.id,
      lines: [{ sku: 'BOOK-1', quantity: 2 }],
    });
    return order.id;
  };

  /** Runs `meanwhile` right after the next read of the order, before that reader writes. */
  function between(meanwhile: (db: Db, orderId: string) => Promise<unknown>) {
    const load = store.load.bind(store);
    vi.spyOn(store, 'load').mockImplementationOnce(async (db, orderId, options) => {
      const stale = await load(db, orderId, options);
      await meanwhile(db, orderId);
      return stale;
    });
  }

  it('lets one cancellation win; the other reads again and is refused', async () => {
    const orderId = await reservedOrder();
    // Both read the order before either writes.
    let bothRead!: () => void;
    const reads = new Promise<void>((resolve) => (bothRead = resolve));
    let readers = 0;
    const load = store.load.bind(store);
    const readTogether: typeof store.load = async (db, id, options) => {
      const stream = await load(db, id, options);
      readers += 1;
      if (readers === 2) bothRead();
      await reads;
      return stream;
    };
    vi.spyOn(store, 'load')
      .mockImplementationOnce(readTogether)
      .mockImplementationOnce(readTogether);
    const append = vi.spyOn(store, 'append');
    const cancel = () => orders.call(Rpc.cancelOrder, { orderId, customerId: CUSTOMER });
    const outcomes = await Promise.allSettled([cancel(), cancel()]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(await failureOf(Promise.reject(refused?.reason as Error))).toEqual({
      code: 'CONFLICT',
      message: `order ${orderId} is CANCELLED: it is cancelled already`,
    });
    // Both decided on the reserved order; the loser's append hit the winner's version.
    const appends = await Promise.allSettled(
      append.mock.results.map((r) => r.value as Promise<unknown>),
    );
    expect(appends.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = appends.find((a) => a.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(ConcurrencyError);
    expect(
      (await orders.published(orderId)).filter((e) => e.type === OrderCancelled.type),
    ).toHaveLength(1);
    expect(await orders.row(orderId)).toMatchObject({ status: 'CANCELLED', version: 3 });
  });

  it('re-decides a cancellation overtaken by a payment, so that it asks for the refund', async () => {
    const orderId = await reservedOrder();
    between(() =>
      orders.deliver(
        PaymentSucceeded,
        { orderId, paymentId: 'pay-1', amount: 3_250, currency: 'EUR' },
        { source: 'payment' },
      ),
    );
    const view = await orders.call(Rpc.cancelOrder, { orderId, customerId: CUSTOMER });

    expect(view).toMatchObject({ status: 'CANCELLED', version: 5 });
    const published = await orders.published(orderId);
    expect(published.map((e) => e.type)).toEqual([
      'order.placed',
      OrderConfirmed.type,
      OrderCancelled.type,
    ]);
    expect(published[2]?.data).toMatchObject({ reason: 'CUSTOMER_REQUEST', wasPaid: true });
  });

  it('re-decides inside an event handler, keeping its transaction and inbox row', async () => {
    const orderId = await reservedOrder();
    // A cancellation commits between the handler's read and its write.
    between((db) =>
      store.append(
        db as Tx,
        orderId,
        2,
        [
          {
            type: 'OrderCancelled',
            data: { reason: 'CUSTOMER_REQUEST', detail: null, wasPaid: false },
          },
        ],
        { recordedAt: new Date(), correlationId: null, causationId: null },
      ),
    );
    const payment = await orders.deliver(
      PaymentSucceeded,
      { orderId, paymentId: 'pay-1', amount: 3_250, currency: 'EUR' },
      { source: 'payment' },
    );

    expect(await orders.handled(payment.id)).toBe('processed');
    expect((await orders.stream(orderId)).map((e) => e.type)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'OrderCancelled',
      'PaymentCaptured',
    ]);
    expect(await orders.row(orderId)).toMatchObject({ status: 'CANCELLED', version: 4 });
    expect((await orders.published(orderId)).map((e) => e.type)).not.toContain(OrderConfirmed.type);
  });

  it(`gives up after ${String(MAX_ATTEMPTS)} lost races, asking the caller to try again`, async () => {
    const orderId = await reservedOrder();
    const append = vi.spyOn(store, 'append').mockRejectedValue(new ConcurrencyError(orderId, 2));
    const cancelling = orders.call(Rpc.cancelOrder, { orderId });

    expect(await failureOf(cancelling)).toEqual({
      code: 'CONFLICT',
      message: `order ${orderId} changed after version 2 while this request ran; try again`,
    });
    expect(append).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(await orders.row(orderId)).toMatchObject({ status: 'STOCK_RESERVED', version: 2 });
  });

  it('has the consumer retry a handler that keeps losing, rather than dead-letter it', async () => {
    const orderId = (await orders.place()).id;
    const append = vi.spyOn(store, 'append');
    for (let i = 0; i < MAX_ATTEMPTS; i += 1)
      append.mockRejectedValueOnce(new ConcurrencyError(orderId, 1));
    const reserved = await orders.deliver(StockReserved, {
      orderId,
      lines: [{ sku: 'BOOK-1', quantity: 2 }],
    });

    expect(await orders.handled(reserved.id)).toBe('processed');
    expect(append).toHaveBeenCalledTimes(MAX_ATTEMPTS + 1);
    expect(await orders.row(orderId)).toMatchObject({ status: 'STOCK_RESERVED', version: 2 });
  });

  it('answers an order with the history of its version, though its stream moved on', async () => {
    const orderId = await reservedOrder();
    const readModel = orders.app.get(OrderReadModel);
    const find = readModel.find.bind(readModel);
    vi.spyOn(readModel, 'find').mockImplementationOnce(async (db, id) => {
      const row = await find(db, id);
      await orders.call(Rpc.cancelOrder, { orderId });
      return row;
    });

    const { order, history } = await orders.call(Rpc.getOrder, { orderId });
    expect(order).toMatchObject({ status: 'STOCK_RESERVED', version: 2 });
    expect(history.map((entry) => entry.version)).toEqual([1, 2]);
  });
});
