import {
  FulfillmentReady,
  OrderPaymentDeadlinePassed,
  OrderShipped,
  PaymentFailed,
  PaymentSucceeded,
  StockReservationExpired,
  StockReservationFailed,
  StockReserved,
  type EventDefinition,
} from '@eventmart/contracts';
import { openDatabase } from '@eventmart/postgres';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER, OrderApp } from './order-app.fixture.js';

const LINES = [{ sku: 'BOOK-1', quantity: 2 }];

interface Step {
  readonly definition: EventDefinition;
  readonly data: (orderId: string) => Record<string, unknown> & { orderId: string };
}

const reserved: Step = {
  definition: StockReserved,
  data: (orderId) => ({ orderId, lines: LINES }),
};
const paid: Step = {
  definition: PaymentSucceeded,
  data: (orderId) => ({ orderId, paymentId: 'pay-1', amount: 3_250, currency: 'EUR' }),
};
const ready: Step = {
  definition: FulfillmentReady,
  data: (orderId) => ({ orderId, customerId: CUSTOMER, shipmentId: 'ship-1' }),
};

/** Each event the service consumes, after the events that make it apply. */
const CASES: { name: string; before: Step[]; step: Step }[] = [
  { name: 'stock.reserved', before: [], step: reserved },
  {
    name: 'stock.reservation-failed',
    before: [],
    step: {
      definition: StockReservationFailed,
      data: (orderId) => ({
        orderId,
        reason: 'UNKNOWN_SKU',
        shortages: [{ sku: 'BOOK-1', requested: 2, available: 0 }],
      }),
    },
  },
  { name: 'payment.succeeded', before: [reserved], step: paid },
  {
    name: 'payment.failed',
    before: [reserved],
    step: {
      definition: PaymentFailed,
      data: (orderId) => ({ orderId, reason: 'DECLINED', message: 'insufficient funds' }),
    },
  },
  { name: 'fulfillment.ready', before: [reserved, paid], step: ready },
  {
    name: 'order.shipped',
    before: [reserved, paid, ready],
    step: {
      definition: OrderShipped,
      data: (orderId) => ({ ...ready.data(orderId), carrier: 'UPS' }),
    },
  },
  {
    name: 'order.payment-deadline-passed',
    before: [reserved],
    step: {
      definition: OrderPaymentDeadlinePassed,
      data: (orderId) => ({ orderId, dueAt: new Date().toISOString(), afterMs: 30_000 }),
    },
  },
  {
    name: 'stock.reservation-expired',
    before: [reserved],
    step: {
      definition: StockReservationExpired,
      data: (orderId) => ({ orderId, dueAt: new Date().toISOString(), afterMs: 60_000 }),
    },
  },
];

describe('an event delivered twice', () => {
  let orders: OrderApp;
  beforeAll(async () => {
    orders = await OrderApp.start(await openDatabase({ dataDir: 'memory://' }), NestFactory);
  });
  afterAll(() => orders.stop());

  /** What anyone can see of the order: its row, its stream and what it published. */
  const observe = async (orderId: string) => ({
    row: await orders.row(orderId),
    stream: await orders.stream(orderId),
    published: await orders.published(orderId),
  });

  async function handledOnce(before: Step[], step: Step) {
    const order = await orders.place();
    for (const { definition, data } of before) await orders.deliver(definition, data(order.id));
    const envelope = await orders.deliver(step.definition, step.data(order.id));
    const once = await observe(order.id);
    expect(once.row?.version).toBe(once.stream.length);
    return { orderId: order.id, envelope, once };
  }

  it.each(CASES)(
    'changes nothing when $name comes again as the same message',
    async ({ before, step }) => {
      const { orderId, envelope, once } = await handledOnce(before, step);
      await orders.redeliver(envelope, step.definition);
      expect(await observe(orderId)).toEqual(once);
    },
  );

  it.each(CASES)(
    'changes nothing when $name is reported again as a new event',
    async ({ before, step }) => {
      const { orderId, envelope, once } = await handledOnce(before, step);
      const again = await orders.deliver(step.definition, step.data(orderId));
      expect(again.id).not.toBe(envelope.id);
      expect(await orders.handled(again.id)).toBe('processed');
      expect(await observe(orderId)).toEqual(once);
    },
  );
});
