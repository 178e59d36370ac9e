import { OrderCancelled, OrderPlaced, StockReserved } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultyProvider } from '../testing/faulty-provider.fixture.js';
import {
  PaymentHarness,
  orderCancelled,
  orderPlaced,
  stockReserved,
  until,
} from '../testing/payment-harness.fixture.js';

describe('payment on order.cancelled', () => {
  let database: SqlDatabase;
  let payment: PaymentHarness;
  const provider = new FaultyProvider();
  const ledger = provider.simulator;

  const entriesOf = (orderId: string): string[] =>
    ledger
      .ledger()
      .filter((e) => e.idempotencyKey === orderId || e.idempotencyKey === `refund:${orderId}`)
      .map((e) => e.kind);

  async function charged(orderId: string, token = 'tok_visa'): Promise<void> {
    await payment.send(OrderPlaced, orderPlaced(orderId, token), orderId);
    await payment.settle();
    await payment.send(StockReserved, stockReserved(orderId), orderId);
    await payment.settle();
  }

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    payment = await PaymentHarness.start(database, {
      provider,
      timeoutMs: 100,
      callBackoff: { initialMs: 20, maxMs: 100, jitter: 'none' },
    });
  });
  afterAll(async () => {
    await payment.close();
    await database.close();
  });

  it('refunds a captured payment in full and publishes payment.refunded', async () => {
    await charged('o-paid');
    await payment.send(
      OrderCancelled,
      orderCancelled('o-paid', 'CUSTOMER_REQUEST', true),
      'o-paid',
    );
    await payment.settle();

    const [charge, refund] = ledger
      .ledger()
      .filter((e) => e.idempotencyKey === 'o-paid' || e.idempotencyKey === 'refund:o-paid');
    expect(refund).toMatchObject({ kind: 'refund', paymentId: charge?.paymentId, amount: 4_200 });
    expect(await payment.published('o-paid')).toEqual([
      expect.objectContaining({ type: 'payment.succeeded' }),
      {
        type: 'payment.refunded',
        data: { orderId: 'o-paid', paymentId: charge?.paymentId, amount: 4_200, currency: 'EUR' },
      },
    ]);
    expect(await payment.payment('o-paid')).toMatchObject({
      status: 'REFUNDED',
      refundedAt: expect.any(Date) as Date,
    });
  });

  it('refunds a charge made while the customer cancelled, though wasPaid is false', async () => {
    await charged('o-race');
    await payment.send(
      OrderCancelled,
      orderCancelled('o-race', 'CUSTOMER_REQUEST', false),
      'o-race',
    );
    await payment.settle();
    expect(entriesOf('o-race')).toEqual(['charge', 'refund']);
  });

  it('never charges an order cancelled before its stock was reserved', async () => {
    await payment.send(OrderPlaced, orderPlaced('o-early'), 'o-early');
    await payment.settle();
    await payment.send(OrderCancelled, orderCancelled('o-early'), 'o-early');
    await payment.settle();
    await payment.send(StockReserved, stockReserved('o-early'), 'o-early');
    await payment.settle();

    expect(ledger.callsFor('o-early')).toBe(0);
    expect(await payment.published('o-early')).toEqual([]);
    expect(await payment.payment('o-early')).toMatchObject({
      status: 'CANCELLED_BEFORE_CHARGE',
      amount: 4_200,
      token: null,
    });
  });

  it('never charges an order whose cancellation arrived before anything else', async () => {
    await payment.send(OrderCancelled, orderCancelled('o-first'), 'o-first');
    await payment.settle();
    await payment.send(StockReserved, stockReserved('o-first'), 'o-first');
    await payment.settle();
    await payment.send(OrderPlaced, orderPlaced('o-first'), 'o-first');
    await payment.settle();

    expect(ledger.callsFor('o-first')).toBe(0);
    expect(await payment.payment('o-first')).toMatchObject({
      status: 'CANCELLED_BEFORE_CHARGE',
      token: null,
    });
  });

  it('refunds nothing after a declined charge', async () => {
    await charged('o-declined', 'tok_chargeDeclined');
    await payment.send(
      OrderCancelled,
      orderCancelled('o-declined', 'PAYMENT_DECLINED'),
      'o-declined',
    );
    await payment.settle();
    expect(entriesOf('o-declined')).toEqual([]);
    expect(await payment.payment('o-declined')).toMatchObject({ status: 'DECLINED' });
  });

  it('refunds once, whatever cancellation duplicates arrive', async () => {
    await charged('o-dup');
    const cancel = await payment.send(OrderCancelled, orderCancelled('o-dup'), 'o-dup');
    await payment.settle();
    await payment.deliver([cancel], OrderCancelled.topic);
    await payment.send(OrderCancelled, orderCancelled('o-dup'), 'o-dup');
    await payment.settle();

    expect(entriesOf('o-dup')).toEqual(['charge', 'refund']);
    expect((await payment.published('o-dup')).map((e) => e.type)).toEqual([
      'payment.succeeded',
      'payment.refunded',
    ]);
  });

  it('refunds once when the answer is lost or late and the handler runs again', async () => {
    await charged('o-flaky');
    provider.failRefunds('lose-answer', 'hang');
    await payment.send(OrderCancelled, orderCancelled('o-flaky'), 'o-flaky');
    await payment.settle();

    expect(entriesOf('o-flaky')).toEqual(['charge', 'refund']);
    expect((await payment.published('o-flaky')).map((e) => e.type)).toEqual([
      'payment.succeeded',
      'payment.refunded',
    ]);
    expect(await payment.deadLetters()).toEqual([]);
  });

  it('keeps a refund the provider does not answer owed, tries again, and refunds once', async () => {
    await charged('o-stuck');
    provider.failRefunds('hang', 'hang', 'hang');
    await payment.send(OrderCancelled, orderCancelled('o-stuck'), 'o-stuck');
    await until(
      async () => ((await payment.payment('o-stuck'))?.owedCall?.attempts ?? 0) >= 2,
      'two refund tries without an answer',
    );
    // Still owed, with what went wrong, for an operator to see; nothing dead-lettered.
    expect(await payment.payment('o-stuck')).toMatchObject({
      status: 'REFUNDING',
      owedCall: { lastError: 'refund of o-stuck: no answer within 100 ms' },
    });
    expect(entriesOf('o-stuck')).toEqual(['charge']);
    await payment.settle();
    expect(await payment.payment('o-stuck')).toMatchObject({ status: 'REFUNDED' });
    expect(entriesOf('o-stuck')).toEqual(['charge', 'refund']);
    expect(await payment.deadLetters()).toEqual([]);
  });
});
