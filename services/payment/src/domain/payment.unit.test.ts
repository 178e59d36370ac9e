import { describe, expect, it } from 'vitest';
import {
  afterCharge,
  afterRefund,
  cancellation,
  dueCharge,
  newPayment,
  withOrderDetails,
  withStockReserved,
  type Payment,
} from './payment.js';

const details = { amount: 4_200, currency: 'EUR', token: 'tok_visa' };
const at = new Date('2030-01-01T00:00:00Z');

function required(payment: Payment | undefined): Payment {
  if (payment === undefined) throw new Error('expected a change');
  return payment;
}

describe('payment', () => {
  const placed = required(withOrderDetails(newPayment('o-1'), details));
  const reserved = required(withStockReserved(newPayment('o-1')));
  const ready = required(withStockReserved(placed));

  it('is due for a charge once both the details and the go-ahead are known, in any order', () => {
    const charge = { orderId: 'o-1', ...details };
    expect(dueCharge(ready)).toEqual(charge);
    expect(dueCharge(required(withOrderDetails(reserved, details)))).toEqual(charge);
    expect(dueCharge(placed)).toBeUndefined();
    expect(dueCharge(reserved)).toBeUndefined();
  });

  it('records each fact once: a duplicate changes nothing', () => {
    expect(withOrderDetails(placed, { ...details, amount: 1 })).toBeUndefined();
    expect(withStockReserved(ready)).toBeUndefined();
  });

  it('is never due again once charged, declined or timed out, and forgets the token', () => {
    const outcomes = [
      { kind: 'succeeded', paymentId: 'pay_1' },
      { kind: 'declined', reason: 'card_declined' },
      { kind: 'timed-out', afterMs: 5_000 },
    ] as const;
    const after = outcomes.map((outcome) => afterCharge(ready, outcome, at));
    expect(after.map((p) => p.status)).toEqual(['SUCCEEDED', 'DECLINED', 'TIMED_OUT']);
    expect(after.map((p) => p.providerReason)).toEqual([
      null,
      'card_declined',
      'no answer within 5000 ms',
    ]);
    for (const payment of after) {
      expect(payment.token).toBeNull();
      expect(dueCharge(payment)).toBeUndefined();
    }
    expect(after[0]).toMatchObject({ paymentId: 'pay_1', chargedAt: at });
  });

  it('on cancel, refunds a captured payment', () => {
    const paid = afterCharge(ready, { kind: 'succeeded', paymentId: 'pay_1' }, at);
    expect(cancellation(paid)).toEqual({
      action: 'refund',
      paymentId: 'pay_1',
      amount: 4_200,
      currency: 'EUR',
    });
    const refunded = afterRefund(paid, at);
    expect(refunded).toMatchObject({ status: 'REFUNDED', refundedAt: at });
    expect(cancellation(refunded)).toBeUndefined();
  });

  it('on cancel before any charge, makes sure none will ever be made', () => {
    for (const pending of [newPayment('o-1'), placed, reserved]) {
      const decision = cancellation(pending);
      if (decision?.action !== 'mark-cancelled') throw new Error('expected mark-cancelled');
      expect(decision.payment.status).toBe('CANCELLED_BEFORE_CHARGE');
      const later = withStockReserved(decision.payment) ?? decision.payment;
      const complete = withOrderDetails(later, details) ?? later;
      expect(dueCharge(complete)).toBeUndefined();
      expect(complete.token).toBeNull();
    }
  });

  it('on cancel after a failed charge, does nothing', () => {
    const declined = afterCharge(ready, { kind: 'declined', reason: 'card_declined' }, at);
    const timedOut = afterCharge(ready, { kind: 'timed-out', afterMs: 10 }, at);
    expect(cancellation(declined)).toBeUndefined();
    expect(cancellation(timedOut)).toBeUndefined();
  });
});
