import { describe, expect, it } from 'vitest';
import {
  afterCharge,
  afterRefund,
  calledBefore,
  callFailed,
  callStarted,
  cancellation,
  droppedCharge,
  dueCharge,
  newPayment,
  owedCharge,
  owedRefund,
  startChargeIfDue,
  withOrderDetails,
  withStockReserved,
  type CallCause,
  type Payment,
} from './payment.js';

const details = { amount: 4_200, currency: 'EUR', token: 'tok_visa' };
const at = new Date('2030-01-01T00:00:00Z');
const placedCause: CallCause = { causationId: 'e-1', correlationId: 'c-1', traceparent: null };
const cancelCause: CallCause = { causationId: 'e-9', correlationId: 'c-1', traceparent: null };

function required(payment: Payment | undefined): Payment {
  if (payment === undefined) throw new Error('expected a change');
  return payment;
}

describe('payment', () => {
  const placed = required(withOrderDetails(newPayment('o-1'), details));
  const reserved = required(withStockReserved(newPayment('o-1')));
  const ready = required(withStockReserved(placed));
  const charging = startChargeIfDue(ready, placedCause, at);

  it('is due for a charge once both the details and the go-ahead are known, in any order', () => {
    const charge = { orderId: 'o-1', ...details };
    expect(dueCharge(ready)).toEqual(charge);
    expect(dueCharge(required(withOrderDetails(reserved, details)))).toEqual(charge);
    expect(dueCharge(placed)).toBeUndefined();
    expect(dueCharge(reserved)).toBeUndefined();
  });

  it('makes the charge owed, with its cause, only when it is due', () => {
    expect(charging).toMatchObject({
      status: 'CHARGING',
      owedCall: { dueAt: at, attempts: 0, lastError: null, timedOut: false, cause: placedCause },
    });
    expect(owedCharge(charging)).toEqual({ orderId: 'o-1', ...details });
    expect(startChargeIfDue(placed, placedCause, at)).toBe(placed);
    expect(dueCharge(charging)).toBeUndefined();
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
    const after = outcomes.map((outcome) => afterCharge(charging, outcome, at));
    expect(after.map((p) => p.status)).toEqual(['SUCCEEDED', 'DECLINED', 'TIMED_OUT']);
    expect(after.map((p) => p.providerReason)).toEqual([
      null,
      'card_declined',
      'no answer within 5000 ms',
    ]);
    for (const payment of after) {
      expect(payment.token).toBeNull();
      expect(payment.owedCall).toBeNull();
      expect(dueCharge(payment)).toBeUndefined();
      expect(startChargeIfDue(payment, placedCause, at)).toBe(payment);
    }
    expect(after[0]).toMatchObject({ paymentId: 'pay_1', chargedAt: at });
  });

  it('on cancel, makes the refund of a captured payment owed, once', () => {
    const paid = afterCharge(charging, { kind: 'succeeded', paymentId: 'pay_1' }, at);
    const refunding = required(cancellation(paid, cancelCause, at));
    expect(refunding).toMatchObject({ status: 'REFUNDING', owedCall: { cause: cancelCause } });
    expect(owedRefund(refunding)).toEqual({
      orderId: 'o-1',
      paymentId: 'pay_1',
      amount: 4_200,
      currency: 'EUR',
    });
    expect(cancellation(refunding, cancelCause, at)).toBeUndefined();
    const refunded = afterRefund(refunding, at);
    expect(refunded).toMatchObject({ status: 'REFUNDED', refundedAt: at, owedCall: null });
    expect(cancellation(refunded, cancelCause, at)).toBeUndefined();
  });

  it('on cancel before any charge, makes sure none will ever be made', () => {
    for (const pending of [newPayment('o-1'), placed, reserved]) {
      const cancelled = required(cancellation(pending, cancelCause, at));
      expect(cancelled.status).toBe('CANCELLED_BEFORE_CHARGE');
      const later = withStockReserved(cancelled) ?? cancelled;
      const complete = withOrderDetails(later, details) ?? later;
      expect(dueCharge(complete)).toBeUndefined();
      expect(startChargeIfDue(complete, placedCause, at).status).toBe('CANCELLED_BEFORE_CHARGE');
      expect(complete.token).toBeNull();
    }
  });

  it('on cancel while the charge is being made, refunds it if it succeeds', () => {
    const cancelled = required(cancellation(charging, cancelCause, at));
    expect(cancelled).toMatchObject({ status: 'CHARGING', cancelRequested: true });
    expect(cancellation(cancelled, cancelCause, at)).toBeUndefined();
    const succeeded = afterCharge(cancelled, { kind: 'succeeded', paymentId: 'pay_1' }, at);
    expect(succeeded).toMatchObject({
      status: 'REFUNDING',
      paymentId: 'pay_1',
      chargedAt: at,
      owedCall: { dueAt: at, attempts: 0 },
    });
    const declined = afterCharge(cancelled, { kind: 'declined', reason: 'card_declined' }, at);
    expect(declined).toMatchObject({ status: 'DECLINED', owedCall: null });
  });

  it('drops the charge of a cancelled order, never one still wanted', () => {
    const cancelled = required(cancellation(charging, cancelCause, at));
    expect(droppedCharge(charging)).toBeUndefined();
    expect(droppedCharge(cancelled)).toMatchObject({
      status: 'CANCELLED_BEFORE_CHARGE',
      token: null,
      owedCall: null,
    });
  });

  it('tells a first call from one made after a call that may have reached the provider', () => {
    // Each claim counts the try it makes: the first claim's try is the first call.
    const first = callStarted(charging, at);
    expect(calledBefore(first)).toBe(false);
    const failed = callFailed(first, 'provider unavailable', at);
    expect(calledBefore(callStarted(failed, at))).toBe(true);
    // A try the open circuit did not let through is not one.
    const refused = callFailed(first, 'circuit open', at, false);
    expect(calledBefore(callStarted(refused, at))).toBe(false);
  });

  it('remembers that a charge timed out until it is decided', () => {
    const timedOut = callFailed(callStarted(charging, at), 'no answer', at, true, true);
    expect(timedOut.owedCall?.timedOut).toBe(true);
    const thenDown = callFailed(callStarted(timedOut, at), 'provider unavailable', at);
    expect(thenDown.owedCall?.timedOut).toBe(true);
    expect(charging.owedCall?.timedOut).toBe(false);
  });

  it('on cancel after a failed charge, does nothing', () => {
    const declined = afterCharge(charging, { kind: 'declined', reason: 'card_declined' }, at);
    const timedOut = afterCharge(charging, { kind: 'timed-out', afterMs: 10 }, at);
    expect(cancellation(declined, cancelCause, at)).toBeUndefined();
    expect(cancellation(timedOut, cancelCause, at)).toBeUndefined();
  });

  it('counts a call when it starts, keeps a failed one owed, and takes back one not made', () => {
    const lease = new Date(at.getTime() + 10_000);
    const later = new Date(at.getTime() + 1_000);
    const started = callStarted(charging, lease);
    expect(started.owedCall).toMatchObject({ dueAt: lease, attempts: 1 });
    const failed = callFailed(started, 'provider unavailable', later);
    expect(failed.owedCall).toMatchObject({
      dueAt: later,
      attempts: 1,
      lastError: 'provider unavailable',
    });
    const notMade = callFailed(callStarted(failed, lease), 'circuit open', later, false);
    expect(notMade.owedCall?.attempts).toBe(1);
  });
});
