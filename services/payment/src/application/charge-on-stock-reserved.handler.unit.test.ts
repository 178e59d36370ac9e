import { OrderPlaced, StockReserved } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultyProvider } from '../testing/faulty-provider.fixture.js';
import {
  PaymentHarness,
  orderPlaced,
  stockReserved,
  until,
} from '../testing/payment-harness.fixture.js';

describe('payment charges once stock is reserved', () => {
  let database: SqlDatabase;
  let payment: PaymentHarness;
  const provider = new FaultyProvider();
  const ledger = provider.simulator;

  /** order.placed then stock.reserved, each handled before the next. */
  async function placeAndReserve(orderId: string, token = 'tok_visa'): Promise<void> {
    await payment.send(OrderPlaced, orderPlaced(orderId, token), orderId);
    await payment.settle();
    await payment.send(StockReserved, stockReserved(orderId), orderId);
    await payment.settle();
  }

  const chargesOf = (orderId: string): number =>
    ledger.ledger().filter((e) => e.kind === 'charge' && e.idempotencyKey === orderId).length;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    payment = await PaymentHarness.start(database, {
      provider,
      timeoutMs: 150,
      // Failed calls are tried again quickly here, and the breaker stays out of the way.
      callBackoff: { initialMs: 20, maxMs: 100, jitter: 'none' },
      circuitBreaker: { consecutiveFailures: 50 },
    });
  });
  afterAll(async () => {
    await payment.close();
    await database.close();
  });

  it('charges the order total and publishes payment.succeeded', async () => {
    await placeAndReserve('o-ok');

    const [entry] = ledger.ledger();
    expect(entry).toMatchObject({ kind: 'charge', idempotencyKey: 'o-ok', amount: 4_200 });
    expect(await payment.published('o-ok')).toEqual([
      {
        type: 'payment.succeeded',
        data: { orderId: 'o-ok', paymentId: entry?.paymentId, amount: 4_200, currency: 'EUR' },
      },
    ]);
    expect(await payment.payment('o-ok')).toMatchObject({
      status: 'SUCCEEDED',
      paymentId: entry?.paymentId,
      chargedAt: expect.any(Date) as Date,
      token: null,
    });
  });

  it('charges when order.placed arrives after stock.reserved', async () => {
    await payment.send(StockReserved, stockReserved('o-late'), 'o-late');
    await payment.settle();
    expect(await payment.payment('o-late')).toMatchObject({ status: 'PENDING', amount: null });

    await payment.send(OrderPlaced, orderPlaced('o-late'), 'o-late');
    await payment.settle();
    expect(chargesOf('o-late')).toBe(1);
    expect((await payment.published('o-late')).map((e) => e.type)).toEqual(['payment.succeeded']);
  });

  it('publishes payment.failed DECLINED when the card is declined', async () => {
    await placeAndReserve('o-declined', 'tok_chargeDeclined');
    expect(await payment.published('o-declined')).toEqual([
      {
        type: 'payment.failed',
        data: { orderId: 'o-declined', reason: 'DECLINED', message: 'card_declined' },
      },
    ]);
    expect(await payment.payment('o-declined')).toMatchObject({
      status: 'DECLINED',
      providerReason: 'card_declined',
    });
    expect(chargesOf('o-declined')).toBe(0);
  });

  it('declines an unknown token', async () => {
    await placeAndReserve('o-bad-token', 'tok_made_up');
    const [failed] = await payment.published('o-bad-token');
    expect(failed?.data).toMatchObject({ reason: 'DECLINED', message: 'invalid_token' });
  });

  it('publishes payment.failed TIMEOUT when the provider does not answer in time', async () => {
    const started = Date.now();
    await placeAndReserve('o-slow', 'tok_timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(await payment.published('o-slow')).toEqual([
      {
        type: 'payment.failed',
        data: {
          orderId: 'o-slow',
          reason: 'TIMEOUT',
          message: 'the payment provider did not answer within 150 ms',
        },
      },
    ]);
    expect(await payment.payment('o-slow')).toMatchObject({ status: 'TIMED_OUT', token: null });
  });

  it('charges once, whatever order.placed and stock.reserved duplicates arrive', async () => {
    const placed = await payment.send(OrderPlaced, orderPlaced('o-dup'), 'o-dup');
    await payment.settle();
    const reserved = await payment.send(StockReserved, stockReserved('o-dup'), 'o-dup');
    await payment.settle();

    await payment.deliver([placed], OrderPlaced.topic);
    await payment.deliver([reserved], StockReserved.topic);
    await payment.send(OrderPlaced, orderPlaced('o-dup'), 'o-dup');
    await payment.send(StockReserved, stockReserved('o-dup'), 'o-dup');
    await payment.settle();

    expect(chargesOf('o-dup')).toBe(1);
    expect(ledger.callsFor('o-dup')).toBe(1);
    expect((await payment.published('o-dup')).map((e) => e.type)).toEqual(['payment.succeeded']);
  });

  it('charges once when the answer is lost and the rolled-back handler runs again', async () => {
    provider.failCharges('lose-answer');
    await placeAndReserve('o-lost');

    // The lookup of the unknown outcome finds the charge: it is not made again.
    expect(ledger.callsFor('o-lost')).toBe(1);
    expect(provider.calls.filter((call) => call.key === 'o-lost').map((c) => c.kind)).toEqual([
      'charge',
      'lookup',
    ]);
    expect(chargesOf('o-lost')).toBe(1);
    const [succeeded] = await payment.published('o-lost');
    const [charge] = ledger.ledger().filter((e) => e.idempotencyKey === 'o-lost');
    expect(succeeded?.data).toMatchObject({ paymentId: charge?.paymentId });
    expect(await payment.deadLetters()).toEqual([]);
  });

  it('keeps a charge the provider did not take owed, outside any transaction, until it answers', async () => {
    provider.failCharges(...Array.from({ length: 5 }, () => 'unavailable' as const));
    await payment.send(OrderPlaced, orderPlaced('o-down'), 'o-down');
    await payment.send(StockReserved, stockReserved('o-down'), 'o-down');
    // The handlers committed at once: the charge is owed, not held in their transactions.
    await until(
      async () => ((await payment.payment('o-down'))?.owedCall?.attempts ?? 0) >= 2,
      'two failed charge tries',
    );
    expect(await payment.payment('o-down')).toMatchObject({
      status: 'CHARGING',
      owedCall: { lastError: 'provider unavailable' },
    });
    expect(chargesOf('o-down')).toBe(0);

    await payment.settle();
    expect(chargesOf('o-down')).toBe(1);
    expect((await payment.published('o-down')).map((e) => e.type)).toEqual(['payment.succeeded']);
    expect(await payment.payment('o-down')).toMatchObject({ status: 'SUCCEEDED', owedCall: null });
    expect(await payment.deadLetters()).toEqual([]);
  });
});
