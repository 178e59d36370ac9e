import { describe, expect, it } from 'vitest';
import type { OrderCommand } from './order.commands.js';
import { decide } from './order.decide.js';
import type { OrderEvent } from './order.events.js';
import { replay } from './order.evolve.js';
import {
  CUSTOMER_ID,
  HISTORIES,
  ORDER_ID,
  placed,
  type Situation,
} from './order-histories.fixture.js';

/** A command without the order it is for. */
type Body = OrderCommand extends infer C ? (C extends unknown ? Omit<C, 'orderId'> : never) : never;

const when = (situation: Situation, command: Body): OrderEvent[] =>
  decide(replay(HISTORIES[situation]), { orderId: ORDER_ID, ...command });

type PlaceOrder = Extract<OrderCommand, { type: 'PlaceOrder' }>;
const placeOrder: PlaceOrder = {
  type: 'PlaceOrder',
  orderId: ORDER_ID,
  customerId: CUSTOMER_ID,
  lines: [
    { sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 },
    { sku: 'PEN-1', quantity: 1, unitPrice: 250 },
  ],
  currency: 'EUR',
};
const place = (overrides: Partial<PlaceOrder> = {}) =>
  decide(undefined, { ...placeOrder, ...overrides });

describe('placing an order', () => {
  it('records the lines and their total, quantity times unit price', () => {
    expect(place()).toEqual([placed]);
  });

  it.each([
    ['no line', { lines: [] }, 'at least one line'],
    ['a zero quantity', { lines: [{ sku: 'A', quantity: 0, unitPrice: 1 }] }, 'quantity of A'],
    ['a fractional price', { lines: [{ sku: 'A', quantity: 1, unitPrice: 0.5 }] }, 'price of A'],
    ['a negative price', { lines: [{ sku: 'A', quantity: 1, unitPrice: -1 }] }, 'price of A'],
    ['an empty SKU', { lines: [{ sku: '', quantity: 1, unitPrice: 1 }] }, 'needs a SKU'],
    ['a currency that is no code', { currency: 'euro' }, 'ISO 4217'],
    [
      'a total beyond exact integers',
      { lines: [{ sku: 'A', quantity: 2, unitPrice: Number.MAX_SAFE_INTEGER }] },
      'too large',
    ],
  ])('refuses %s as invalid', (_, overrides, message) => {
    expect(() => place(overrides)).toThrow(message);
    expect(() => place(overrides)).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });

  it('refuses an id that is taken', () => {
    expect(() => decide(replay([placed]), placeOrder)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
  });
});

describe('an order that was never placed', () => {
  it.each<Body>([
    { type: 'RecordStockReserved', lines: [{ sku: 'A', quantity: 1 }] },
    { type: 'RecordPaymentSucceeded', paymentId: 'pay-1', amount: 1, currency: 'EUR' },
    { type: 'CancelOrder' },
  ])('is not found by $type', (command) => {
    expect(() => decide(undefined, { orderId: 'nope', ...command })).toThrow(
      expect.objectContaining({ kind: 'not-found', message: 'order nope not found' }),
    );
  });
});

describe('cancelling', () => {
  it('for missing stock names every SKU short and what was available', () => {
    const [event] = when('PLACED', {
      type: 'RecordStockReservationFailed',
      reason: 'INSUFFICIENT_STOCK',
      shortages: [
        { sku: 'BOOK-1', requested: 2, available: 1 },
        { sku: 'PEN-1', requested: 1, available: 0 },
      ],
    });
    expect(event).toEqual({
      type: 'OrderCancelled',
      data: {
        reason: 'OUT_OF_STOCK',
        detail:
          'insufficient stock: BOOK-1 (2 requested, 1 available), PEN-1 (1 requested, 0 available)',
        wasPaid: false,
      },
    });
  });

  it('for an unknown SKU names it', () => {
    const [event] = when('PLACED', {
      type: 'RecordStockReservationFailed',
      reason: 'UNKNOWN_SKU',
      shortages: [{ sku: 'GHOST-1', requested: 1, available: 0 }],
    });
    expect(event?.data).toMatchObject({ reason: 'OUT_OF_STOCK', detail: 'unknown SKU: GHOST-1' });
  });

  it.each([
    ['DECLINED', 'card declined', 'PAYMENT_DECLINED', 'card declined'],
    ['TIMEOUT', 'no answer in 5s', 'PAYMENT_TIMEOUT', 'no answer in 5s'],
    ['PROVIDER_ERROR', 'HTTP 502', 'PAYMENT_DECLINED', 'payment provider error: HTTP 502'],
    ['DECLINED', '', 'PAYMENT_DECLINED', null],
  ] as const)('for payment %s (%s) gives %s', (reason, message, expected, detail) => {
    const [event] = when('STOCK_RESERVED', { type: 'RecordPaymentFailed', reason, message });
    expect(event?.data).toEqual({ reason: expected, detail, wasPaid: false });
  });

  it('at the customer request says whether the order was paid, for the refund', () => {
    expect(when('STOCK_RESERVED', { type: 'CancelOrder', detail: 'changed my mind' })).toEqual([
      {
        type: 'OrderCancelled',
        data: { reason: 'CUSTOMER_REQUEST', detail: 'changed my mind', wasPaid: false },
      },
    ]);
    expect(when('FULFILLMENT_READY', { type: 'CancelOrder' })[0]?.data).toMatchObject({
      wasPaid: true,
    });
  });

  it("of another customer's order is as if it did not exist", () => {
    expect(() => when('PLACED', { type: 'CancelOrder', customerId: 'someone-else' })).toThrow(
      expect.objectContaining({ kind: 'not-found' }),
    );
  });

  it('after shipping says why not', () => {
    expect(() => when('SHIPPED', { type: 'CancelOrder' })).toThrow(
      'order order-1 is SHIPPED: a shipped order cannot be cancelled',
    );
  });
});

describe('payment', () => {
  it('reported before the stock reservation confirms the order when the reservation comes', () => {
    const paid = [
      ...HISTORIES.PLACED,
      ...when('PLACED', {
        type: 'RecordPaymentSucceeded',
        paymentId: 'pay-1',
        amount: 3_250,
        currency: 'EUR',
      }),
    ];
    expect(replay(paid)?.status).toBe('PLACED');
    const events = decide(replay(paid), {
      orderId: ORDER_ID,
      type: 'RecordStockReserved',
      lines: [{ sku: 'BOOK-1', quantity: 2 }],
    });
    expect(replay(events, replay(paid))).toMatchObject({
      status: 'CONFIRMED',
      payment: { paymentId: 'pay-1', amount: 3_250 },
    });
  });

  it('by a second, different charge is a conflict for an operator', () => {
    expect(() =>
      when('CONFIRMED', {
        type: 'RecordPaymentSucceeded',
        paymentId: 'pay-2',
        amount: 3_250,
        currency: 'EUR',
      }),
    ).toThrow('order order-1 is CONFIRMED: paid by pay-1, so pay-2 charged it twice');
  });
});

describe('shipping', () => {
  it('keeps the carrier and tracking number, when given', () => {
    expect(
      when('FULFILLMENT_READY', {
        type: 'RecordShipped',
        shipmentId: 'ship-1',
        carrier: 'DHL',
        trackingNumber: 'JD0001',
      }),
    ).toEqual([
      {
        type: 'OrderShipped',
        data: { shipmentId: 'ship-1', carrier: 'DHL', trackingNumber: 'JD0001' },
      },
    ]);
  });
});
