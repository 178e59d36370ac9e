import {
  FulfillmentReady,
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  OrderShipped,
  PaymentFailed,
  PaymentSucceeded,
  StockReservationFailed,
  StockReserved,
  Rpc,
} from '@eventmart/contracts';
import { openDatabase } from '@eventmart/postgres';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER, OrderApp, eventually } from './order-app.fixture.js';

const LINES = [
  { sku: 'BOOK-1', quantity: 2 },
  { sku: 'PEN-1', quantity: 1 },
];

describe('the order saga, driven by the events of the other services', () => {
  let orders: OrderApp;
  beforeAll(async () => {
    orders = await OrderApp.start(await openDatabase({ dataDir: 'memory://' }), NestFactory);
  });
  afterAll(() => orders.stop());

  const reserve = (orderId: string) => orders.deliver(StockReserved, { orderId, lines: LINES });
  const pay = (orderId: string, correlationId?: string) =>
    orders.deliver(
      PaymentSucceeded,
      { orderId, paymentId: 'pay-1', amount: 3_250, currency: 'EUR' },
      { source: 'payment', correlationId },
    );
  const shipment = (orderId: string) => ({ orderId, customerId: CUSTOMER, shipmentId: 'ship-1' });
  const types = async (orderId: string) => (await orders.published(orderId)).map((e) => e.type);
  const recorded = async (orderId: string) => (await orders.stream(orderId)).map((e) => e.type);

  it('places, reserves, confirms, readies and ships an order, publishing what others need', async () => {
    const order = await orders.place({ correlationId: 'request-1' });
    expect(order).toMatchObject({ status: 'PLACED', total: 3_250, version: 1 });
    const [placed] = await orders.published(order.id);
    expect(placed).toMatchObject({
      type: OrderPlaced.type,
      source: 'order',
      subject: order.id,
      correlationId: 'request-1',
      causationId: null,
      data: {
        orderId: order.id,
        customerId: CUSTOMER,
        lines: [
          { sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 },
          { sku: 'PEN-1', quantity: 1, unitPrice: 250 },
        ],
        total: 3_250,
        currency: 'EUR',
        paymentToken: 'tok_visa',
      },
    });

    await reserve(order.id);
    expect(await orders.row(order.id)).toMatchObject({ status: 'STOCK_RESERVED', version: 2 });
    // Payment's event carries the correlation id of the order.placed it follows from.
    const payment = await pay(order.id, 'request-1');
    expect(await orders.row(order.id)).toMatchObject({ status: 'CONFIRMED', version: 4 });
    expect((await orders.published(order.id))[1]).toMatchObject({
      type: OrderConfirmed.type,
      causationId: payment.id,
      correlationId: 'request-1',
      data: { orderId: order.id, customerId: CUSTOMER, total: 3_250, currency: 'EUR' },
    });

    await orders.deliver(FulfillmentReady, shipment(order.id), { source: 'fulfillment' });
    expect(await orders.row(order.id)).toMatchObject({ status: 'FULFILLMENT_READY', version: 5 });
    await orders.deliver(
      OrderShipped,
      { ...shipment(order.id), carrier: 'DHL' },
      { source: 'fulfillment' },
    );

    expect(await orders.row(order.id)).toMatchObject({ status: 'SHIPPED', version: 6 });
    expect(await recorded(order.id)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'PaymentCaptured',
      'OrderConfirmed',
      'FulfillmentReady',
      'OrderShipped',
    ]);
    const stream = await orders.stream(order.id);
    expect(stream[5]?.data).toEqual({ shipmentId: 'ship-1', carrier: 'DHL' });
    // Each event of the stream names the request it serves and the event that caused it.
    expect(stream[0]).toMatchObject({ correlation_id: 'request-1', causation_id: null });
    expect(stream[2]).toMatchObject({ correlation_id: 'request-1', causation_id: payment.id });
    expect(await types(order.id)).toEqual([OrderPlaced.type, OrderConfirmed.type]);
    // And the relay sends them on.
    await eventually(() => orders.sent.filter((e) => e.subject === order.id).length === 2);
  });

  it('cancels for missing stock, naming the SKUs short, with nothing charged', async () => {
    const order = await orders.place();
    const failure = await orders.deliver(StockReservationFailed, {
      orderId: order.id,
      reason: 'INSUFFICIENT_STOCK',
      shortages: [{ sku: 'BOOK-1', requested: 2, available: 1 }],
    });
    const detail = 'insufficient stock: BOOK-1 (2 requested, 1 available)';
    expect(await orders.row(order.id)).toMatchObject({
      status: 'CANCELLED',
      cancellation_reason: 'OUT_OF_STOCK',
      cancellation_detail: detail,
      version: 2,
    });
    expect((await orders.published(order.id))[1]).toMatchObject({
      type: OrderCancelled.type,
      causationId: failure.id,
      data: {
        orderId: order.id,
        customerId: CUSTOMER,
        reason: 'OUT_OF_STOCK',
        detail,
        wasPaid: false,
      },
    });
  });

  it.each([
    ['DECLINED', 'PAYMENT_DECLINED', 'card declined'],
    ['TIMEOUT', 'PAYMENT_TIMEOUT', 'card declined'],
    ['PROVIDER_ERROR', 'PAYMENT_DECLINED', 'payment provider error: card declined'],
  ] as const)('cancels on payment %s as %s, unpaid', async (reason, expected, detail) => {
    const order = await orders.place();
    await reserve(order.id);
    await orders.deliver(
      PaymentFailed,
      { orderId: order.id, reason, message: 'card declined' },
      { source: 'payment' },
    );
    expect(await orders.row(order.id)).toMatchObject({
      status: 'CANCELLED',
      cancellation_reason: expected,
      cancellation_detail: detail,
    });
    expect((await orders.published(order.id)).map((e) => e.data)).toContainEqual({
      orderId: order.id,
      customerId: CUSTOMER,
      reason: expected,
      detail,
      wasPaid: false,
    });
  });

  it('confirms an order whose payment is reported before its stock reservation', async () => {
    const order = await orders.place();
    await pay(order.id);
    expect(await orders.row(order.id)).toMatchObject({ status: 'PLACED', version: 2 });
    expect(await types(order.id)).toEqual([OrderPlaced.type]);

    const reservation = await reserve(order.id);
    expect(await orders.row(order.id)).toMatchObject({ status: 'CONFIRMED', version: 4 });
    expect((await orders.published(order.id))[1]).toMatchObject({
      type: OrderConfirmed.type,
      causationId: reservation.id,
    });
  });

  it('records a charge reported after the customer cancelled, publishing nothing more', async () => {
    const order = await orders.place();
    await reserve(order.id);
    await orders.call(Rpc.cancelOrder, { orderId: order.id, customerId: CUSTOMER });
    await pay(order.id);
    expect(await orders.row(order.id)).toMatchObject({ status: 'CANCELLED', version: 4 });
    expect(await recorded(order.id)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'OrderCancelled',
      'PaymentCaptured',
    ]);
    // order.cancelled (wasPaid false) is enough: payment refunds a charge it made on it.
    expect(await types(order.id)).toEqual([OrderPlaced.type, OrderCancelled.type]);
  });

  it('ignores a reservation or a payment failure reported after the cancellation', async () => {
    const order = await orders.place();
    await orders.call(Rpc.cancelOrder, { orderId: order.id });
    await reserve(order.id);
    await orders.deliver(
      PaymentFailed,
      { orderId: order.id, reason: 'TIMEOUT', message: '' },
      { source: 'payment' },
    );
    expect(await orders.row(order.id)).toMatchObject({ status: 'CANCELLED', version: 2 });
    expect(await types(order.id)).toEqual([OrderPlaced.type, OrderCancelled.type]);
  });

  it('ships an order whose shipment is reported shipped before ready, and then ignores ready', async () => {
    const order = await orders.place();
    await reserve(order.id);
    await pay(order.id);
    await orders.deliver(OrderShipped, shipment(order.id), { source: 'fulfillment' });
    expect(await orders.row(order.id)).toMatchObject({ status: 'SHIPPED', version: 5 });
    await orders.deliver(FulfillmentReady, shipment(order.id), { source: 'fulfillment' });
    expect(await orders.row(order.id)).toMatchObject({ status: 'SHIPPED', version: 5 });
  });

  it('dead-letters a report that contradicts the order, leaving the order as it was', async () => {
    const order = await orders.place();
    await orders.call(Rpc.cancelOrder, { orderId: order.id });
    const shipped = await orders.deliver(OrderShipped, shipment(order.id), {
      source: 'fulfillment',
    });
    expect(await orders.handled(shipped.id)).toBe('dead-lettered');
    expect(await orders.deadLetter(shipped.id)).toMatchObject({
      reason: 'permanent-error',
      handler: 'order-shipped',
      error: `order ${order.id} is CANCELLED: shipment ship-1 left after the cancellation`,
      attempts: 1,
    });
    expect(await orders.row(order.id)).toMatchObject({ status: 'CANCELLED', version: 2 });
  });

  it('dead-letters a report about an order it does not know', async () => {
    const stray = await reserve('no-such-order');
    expect(await orders.handled(stray.id)).toBe('dead-lettered');
    expect(await orders.deadLetter(stray.id)).toMatchObject({
      reason: 'permanent-error',
      error: 'order no-such-order not found',
    });
    expect(await orders.stream('no-such-order')).toEqual([]);
  });
});
