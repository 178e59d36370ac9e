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

describe('a reservation that expired at inventory', () => {
  it('cancels an unpaid order as a payment timeout', () => {
    expect(reservationExpired(order('STOCK_RESERVED'))).toEqual([
      {
        type: 'OrderCancelled',
        data: {
          reason: 'PAYMENT_TIMEOUT',
          detail: 'the stock reservation expired before payment',
          wasPaid: false,
        },
      },
    ]);
  });

  it('cancels a paid order as out of stock, so that payment refunds it', () => {
    for (const situation of ['PLACED, paid', 'CONFIRMED', 'FULFILLMENT_READY'] as const) {
      expect(reservationExpired(order(situation))[0]?.data).toEqual({
        reason: 'OUT_OF_STOCK',
        detail: 'the stock reservation expired before confirmation',
        wasPaid: true,
      });
    }
  });

  it('changes nothing on a cancelled order, and is a conflict for a shipped one', () => {
    expect(reservationExpired(order('CANCELLED'))).toEqual([]);
    expect(() => reservationExpired(order('SHIPPED'))).toThrow(
      'order order-1 is SHIPPED: inventory released its stock after the reservation expired',
    );
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
