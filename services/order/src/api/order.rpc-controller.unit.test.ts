import { setTimeout as sleep } from 'node:timers/promises';
import { OrderShipped, PaymentSucceeded, Rpc, StockReserved } from '@eventmart/contracts';
import { openDatabase } from '@eventmart/postgres';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderEventStore } from '../application/order-event-store.port.js';
import { CUSTOMER, OrderApp, failureOf, placeRequest } from '../order-app.fixture.js';

// Every call goes through callRpc over the in-process transport, as the gateway's do: an answer
// outside the pattern's response schema fails the call (INVALID_RESPONSE).
describe('OrderRpcController', () => {
  let orders: OrderApp;
  beforeAll(async () => {
    orders = await OrderApp.start(await openDatabase({ dataDir: 'memory://' }), NestFactory);
  });
  afterAll(() => orders.stop());

  const reserve = (orderId: string) =>
    orders.deliver(StockReserved, { orderId, lines: [{ sku: 'BOOK-1', quantity: 2 }] });

  describe('placeOrder', () => {
    it('answers the placed order, with a UUID v7 id and the total of its lines', async () => {
      const answer = await orders.call(Rpc.placeOrder, placeRequest());
      expect(answer).toMatchObject({
        customerId: CUSTOMER,
        status: 'PLACED',
        total: 3_250,
        currency: 'EUR',
        cancellationReason: null,
        cancellationDetail: null,
        version: 1,
      });
      expect(answer.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(answer.placedAt).toBe(answer.updatedAt);
    });

    it('refuses a malformed request as BAD_REQUEST, naming the fields', async () => {
      const failure = await failureOf(
        orders.call(Rpc.placeOrder, { ...placeRequest(), lines: [], currency: 'eur' }),
      );
      expect(failure).toMatchObject({
        code: 'BAD_REQUEST',
        details: [
          { field: 'lines', message: expect.any(String) as string },
          { field: 'currency', message: expect.any(String) as string },
        ],
      });
    });

    it('refuses an empty correlation id, which no envelope could carry', async () => {
      const failure = await failureOf(orders.place({ correlationId: '' }));
      expect(failure).toMatchObject({
        code: 'BAD_REQUEST',
        details: [{ field: 'correlationId', message: expect.any(String) as string }],
      });
    });

    it('gives the saga a correlation id of its own when the caller sends none', async () => {
      const order = await orders.place();
      const [placed] = await orders.published(order.id);
      expect(placed?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('listOrders', () => {
    it("answers the customer's orders, most recent first, and no one else's", async () => {
      const customerId = 'customer-list';
      const first = await orders.place({ customerId });
      const second = await orders.place({ customerId });
      await orders.place({ customerId: 'customer-other' });

      const answer = await orders.call(Rpc.listOrders, { customerId });
      expect(answer.map((o) => o.id)).toEqual([second.id, first.id]);
      expect(await orders.call(Rpc.listOrders, { customerId: 'customer-none' })).toEqual([]);
    });
  });

  describe('getOrder', () => {
    it('answers the order with its history, which keeps the payment token out', async () => {
      const order = await orders.place();
      await reserve(order.id);

      const answer = await orders.call(Rpc.getOrder, { orderId: order.id, customerId: CUSTOMER });
      expect(answer.order).toMatchObject({ id: order.id, status: 'STOCK_RESERVED', version: 2 });
      expect(answer.history.map(({ version, type }) => ({ version, type }))).toEqual([
        { version: 1, type: 'OrderPlaced' },
        { version: 2, type: 'StockReserved' },
      ]);
      expect(answer.history[0]?.data).toEqual({
        orderId: order.id,
        customerId: CUSTOMER,
        lines: order.lines,
        total: 3_250,
        currency: 'EUR',
      });
      expect(answer.order.updatedAt).toBe(answer.history[1]?.recordedAt);
    });

    it("is NOT_FOUND for an unknown order, and for another customer's", async () => {
      const order = await orders.place();
      for (const request of [
        { orderId: 'no-such-order' },
        { orderId: order.id, customerId: 'customer-other' },
      ]) {
        expect(await failureOf(orders.call(Rpc.getOrder, request))).toEqual({
          code: 'NOT_FOUND',
          message: `order ${request.orderId} not found`,
        });
      }
    });

    it('answers the order as of a time, rebuilt from the events recorded until then', async () => {
      const order = await orders.place();
      await sleep(5);
      await reserve(order.id);
      await sleep(5);
      await orders.deliver(
        PaymentSucceeded,
        { orderId: order.id, paymentId: 'pay-1', amount: 3_250, currency: 'EUR' },
        { source: 'payment' },
      );
      const { history } = await orders.call(Rpc.getOrder, { orderId: order.id });
      const times = history.map((entry) => entry.recordedAt);
      expect(times).toHaveLength(4);

      const asOf = async (time: string) => {
        const answer = await orders.call(Rpc.getOrder, { orderId: order.id, asOf: time });
        return {
          status: answer.order.status,
          version: answer.order.version,
          events: answer.history.length,
        };
      };
      expect(await asOf(times[0]!)).toEqual({ status: 'PLACED', version: 1, events: 1 });
      expect(await asOf(times[1]!)).toEqual({ status: 'STOCK_RESERVED', version: 2, events: 2 });
      // The payment's two events were recorded together, so no time sees one without the other.
      expect(await asOf(times[3]!)).toEqual({ status: 'CONFIRMED', version: 4, events: 4 });
      // Another offset, the same instant.
      const inParis = new Date(Date.parse(times[0]!) + 3_600_000)
        .toISOString()
        .replace('Z', '+01:00');
      expect(await asOf(inParis)).toEqual({ status: 'PLACED', version: 1, events: 1 });

      const before = new Date(Date.parse(times[0]!) - 1).toISOString();
      expect(
        await failureOf(orders.call(Rpc.getOrder, { orderId: order.id, asOf: before })),
      ).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(
        await failureOf(
          orders.call(Rpc.getOrder, { orderId: order.id, customerId: 'x', asOf: times[3] }),
        ),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('getOrder as of a time, when a clock went back', () => {
    it('records the next event no earlier than the last, so no time sees one without the other', async () => {
      const order = await orders.place();
      const ahead = new Date(Date.now() + 60_000);
      // Another replica, its clock a minute ahead, recorded the reservation.
      const store = orders.app.get(OrderEventStore);
      await orders.database.db
        .transaction()
        .execute((tx) =>
          store.append(
            tx.withSchema('order'),
            order.id,
            1,
            [{ type: 'StockReserved', data: { lines: [{ sku: 'BOOK-1', quantity: 2 }] } }],
            { recordedAt: ahead, correlationId: null, causationId: null },
          ),
        );
      await orders.call(Rpc.cancelOrder, { orderId: order.id });

      const { history } = await orders.call(Rpc.getOrder, { orderId: order.id });
      expect(history.map((entry) => entry.recordedAt)).toEqual([
        order.placedAt,
        ahead.toISOString(),
        ahead.toISOString(),
      ]);
    });
  });

  describe('cancelOrder', () => {
    it('cancels at the customer request, keeping the reason they gave', async () => {
      const order = await orders.place();
      const answer = await orders.call(Rpc.cancelOrder, {
        orderId: order.id,
        customerId: CUSTOMER,
        reason: 'ordered twice',
      });
      expect(answer).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'CUSTOMER_REQUEST',
        cancellationDetail: 'ordered twice',
        version: 2,
      });
      expect((await orders.published(order.id))[1]?.data).toEqual({
        orderId: order.id,
        customerId: CUSTOMER,
        reason: 'CUSTOMER_REQUEST',
        detail: 'ordered twice',
        wasPaid: false,
      });
    });

    it('is a CONFLICT once cancelled or shipped, NOT_FOUND for another customer', async () => {
      const cancelled = await orders.place();
      await orders.call(Rpc.cancelOrder, { orderId: cancelled.id });
      expect(await failureOf(orders.call(Rpc.cancelOrder, { orderId: cancelled.id }))).toEqual({
        code: 'CONFLICT',
        message: `order ${cancelled.id} is CANCELLED: it is cancelled already`,
      });

      const shipped = await orders.place();
      await reserve(shipped.id);
      await orders.deliver(
        PaymentSucceeded,
        { orderId: shipped.id, paymentId: 'pay-1', amount: 3_250, currency: 'EUR' },
        { source: 'payment' },
      );
      await orders.deliver(
        OrderShipped,
        { orderId: shipped.id, customerId: CUSTOMER, shipmentId: 'ship-1' },
        { source: 'fulfillment' },
      );
      expect(await failureOf(orders.call(Rpc.cancelOrder, { orderId: shipped.id }))).toMatchObject({
        code: 'CONFLICT',
      });

      const theirs = await orders.place({ customerId: 'customer-other' });
      expect(
        await failureOf(orders.call(Rpc.cancelOrder, { orderId: theirs.id, customerId: CUSTOMER })),
      ).toMatchObject({ code: 'NOT_FOUND' });
      expect(await orders.row(theirs.id)).toMatchObject({ status: 'PLACED' });
    });
  });
});
