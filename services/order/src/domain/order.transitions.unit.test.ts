import { describe, expect, it } from 'vitest';
import type { OrderCommand } from './order.commands.js';
import { decide } from './order.decide.js';
import { OrderError } from './order.error.js';
import { replay } from './order.evolve.js';
import { HISTORIES, ORDER_ID, type Situation } from './order-histories.fixture.js';

/** The event types a command records, or 'conflict' when the order refuses it. */
type Outcome = string[] | 'conflict';

function outcome(situation: Situation, command: OrderCommand): Outcome {
  try {
    return decide(replay(HISTORIES[situation]), command).map((event) => event.type);
  } catch (error) {
    if (error instanceof OrderError && error.kind === 'conflict') return 'conflict';
    throw error;
  }
}

const SITUATIONS = Object.keys(HISTORIES) as Situation[];
const CANCELLED = ['OrderCancelled'];

/** Every command against every situation: each row lists the outcomes in SITUATIONS order. */
const MATRIX: [string, OrderCommand, Outcome[]][] = [
  [
    'stock reserved',
    { orderId: ORDER_ID, type: 'RecordStockReserved', lines: [{ sku: 'BOOK-1', quantity: 2 }] },
    [['StockReserved'], ['StockReserved', 'OrderConfirmed'], [], [], [], [], [], []],
  ],
  [
    'stock reservation failed',
    {
      orderId: ORDER_ID,
      type: 'RecordStockReservationFailed',
      reason: 'INSUFFICIENT_STOCK',
      shortages: [{ sku: 'BOOK-1', requested: 2, available: 1 }],
    },
    [CANCELLED, CANCELLED, 'conflict', 'conflict', 'conflict', 'conflict', [], []],
  ],
  [
    'payment succeeded',
    {
      orderId: ORDER_ID,
      type: 'RecordPaymentSucceeded',
      paymentId: 'pay-1',
      amount: 3_250,
      currency: 'EUR',
    },
    [
      ['PaymentCaptured'],
      [],
      ['PaymentCaptured', 'OrderConfirmed'],
      [],
      [],
      [],
      ['PaymentCaptured'],
      [],
    ],
  ],
  [
    'payment failed',
    {
      orderId: ORDER_ID,
      type: 'RecordPaymentFailed',
      reason: 'DECLINED',
      message: 'card declined',
    },
    [CANCELLED, 'conflict', CANCELLED, 'conflict', 'conflict', 'conflict', [], []],
  ],
  [
    'fulfillment ready',
    { orderId: ORDER_ID, type: 'RecordFulfillmentReady', shipmentId: 'ship-1' },
    ['conflict', 'conflict', 'conflict', ['FulfillmentReady'], [], [], [], []],
  ],
  [
    'shipped',
    { orderId: ORDER_ID, type: 'RecordShipped', shipmentId: 'ship-1' },
    [
      'conflict',
      'conflict',
      'conflict',
      ['OrderShipped'],
      ['OrderShipped'],
      [],
      'conflict',
      'conflict',
    ],
  ],
  [
    'customer cancels',
    { orderId: ORDER_ID, type: 'CancelOrder', customerId: 'customer-1' },
    [CANCELLED, CANCELLED, CANCELLED, CANCELLED, CANCELLED, 'conflict', 'conflict', 'conflict'],
  ],
  [
    'payment deadline passed',
    { orderId: ORDER_ID, type: 'RecordPaymentDeadlinePassed', afterMs: 30_000 },
    [CANCELLED, [], CANCELLED, [], [], [], [], []],
  ],
  [
    'reservation expired',
    { orderId: ORDER_ID, type: 'RecordReservationExpired', afterMs: 60_000 },
    [CANCELLED, [], CANCELLED, [], [], [], [], []],
  ],
];

const CASES = MATRIX.flatMap(([name, command, outcomes]) =>
  SITUATIONS.map((situation, index) => ({ name, situation, command, expected: outcomes[index] })),
);

describe('an order, for every command in every situation', () => {
  it.each(CASES)('$name when $situation: $expected', ({ situation, command, expected }) => {
    expect(outcome(situation, command)).toEqual(expected);
  });

  it('covers every situation in each row', () => {
    for (const [, , outcomes] of MATRIX) expect(outcomes).toHaveLength(SITUATIONS.length);
  });

  it('reaches the status each recorded event stands for', () => {
    const statuses = SITUATIONS.map((situation) => replay(HISTORIES[situation])?.status);
    expect(statuses).toEqual([
      'PLACED',
      'PLACED',
      'STOCK_RESERVED',
      'CONFIRMED',
      'FULFILLMENT_READY',
      'SHIPPED',
      'CANCELLED',
      'CANCELLED',
    ]);
  });
});
