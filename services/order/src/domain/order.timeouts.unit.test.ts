import { describe, expect, it } from 'vitest';
import { replay } from './order.evolve.js';
import { HISTORIES } from './order-histories.fixture.js';
import { formatDuration, paymentDeadlinePassed, reservationExpired } from './order.timeouts.js';

const order = (situation: keyof typeof HISTORIES) => {
  const state = replay(HISTORIES[situation]);
  if (state === undefined) throw new Error('empty history');
  return state;
};

describe('the payment deadline', () => {
  it('cancels an unpaid order as a payment timeout, saying how long it waited', () => {
    for (const situation of ['PLACED', 'STOCK_RESERVED'] as const) {
      expect(paymentDeadlinePassed(order(situation), 30_000)).toEqual([
        {
          type: 'OrderCancelled',
          data: {
            reason: 'PAYMENT_TIMEOUT',
            detail: 'no payment within 30 s of placing the order',
            wasPaid: false,
          },
        },
      ]);
    }
  });

  it('leaves an order whose payment was reported: its confirmation only waits for the stock', () => {
    expect(paymentDeadlinePassed(order('PLACED, paid'), 30_000)).toEqual([]);
  });

  it('fires too late to matter once the order is confirmed or cancelled', () => {
    for (const situation of ['CONFIRMED', 'FULFILLMENT_READY', 'SHIPPED', 'CANCELLED'] as const) {
      expect(paymentDeadlinePassed(order(situation), 30_000)).toEqual([]);
    }
  });
});

describe("the stock reservation's expiry", () => {
  it('cancels an unpaid order as a payment timeout, saying how long the stock was held', () => {
    for (const situation of ['PLACED', 'STOCK_RESERVED'] as const) {
      expect(reservationExpired(order(situation), 60_000)).toEqual([
        {
          type: 'OrderCancelled',
          data: {
            reason: 'PAYMENT_TIMEOUT',
            detail: 'no payment while the stock was held for 60 s',
            wasPaid: false,
          },
        },
      ]);
    }
  });

  // The hole it closes: inventory, behind on order.confirmed, let the timer fire under an
  // order that was paid; cancelling it refunded an order fulfillment could still ship.
  it('never cancels a paid order, confirmed or not', () => {
    for (const situation of ['PLACED, paid', 'CONFIRMED', 'FULFILLMENT_READY'] as const) {
      expect(reservationExpired(order(situation), 60_000)).toEqual([]);
    }
  });

  it('changes nothing on a shipped or cancelled order, without a conflict', () => {
    expect(reservationExpired(order('SHIPPED'), 60_000)).toEqual([]);
    expect(reservationExpired(order('CANCELLED'), 60_000)).toEqual([]);
  });
});

describe('durations in cancellation details', () => {
  it('reads as a customer would write them', () => {
    expect([800, 1_000, 1_500, 30_000, 120_000].map(formatDuration)).toEqual([
      '800 ms',
      '1 s',
      '1.5 s',
      '30 s',
      '120 s',
    ]);
  });
});
