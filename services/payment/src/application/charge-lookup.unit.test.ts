import { OrderCancelled, OrderPlaced, StockReserved } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultyProvider } from '../testing/faulty-provider.fixture.js';
import {
  PaymentHarness,
  orderCancelled,
  orderPlaced,
  stockReserved,
  until,
} from '../testing/payment-harness.fixture.js';

/** A charge of unknown outcome is looked up by its key before anything is charged again. */
describe('payment looks up a charge of unknown outcome', () => {
  let database: SqlDatabase;
  let payment: PaymentHarness;
  let provider: FaultyProvider;

  beforeEach(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    provider = new FaultyProvider();
    payment = await PaymentHarness.start(database, {
      provider,
      timeoutMs: 100,
      callBackoff: { initialMs: 20, maxMs: 50, jitter: 'none' },
      circuitBreaker: { consecutiveFailures: 50 },
    });
  });
  afterEach(async () => {
    await payment.close();
    await database.close();
  });

  const placeAndReserve = async (orderId: string, token = 'tok_visa'): Promise<void> => {
    await payment.send(OrderPlaced, orderPlaced(orderId, token), orderId);
    await payment.send(StockReserved, stockReserved(orderId), orderId);
  };
  const callsFor = (key: string): string[] =>
    provider.calls.filter((call) => call.key === key).map((call) => call.kind);
  const moneyOf = (orderId: string): string[] =>
    provider.simulator
      .ledger()
      .filter((entry) => entry.idempotencyKey.endsWith(orderId))
      .map((entry) => entry.kind);
  const types = async (orderId: string): Promise<string[]> =>
    (await payment.published(orderId)).map((event) => event.type);

  it('found declined: records the decline, charges nothing more', async () => {
    provider.failCharges('lose-answer');
    await placeAndReserve('o-declined', 'tok_chargeDeclined');
    await payment.settle();
    expect(callsFor('o-declined')).toEqual(['charge', 'lookup']);
    expect(await payment.published('o-declined')).toEqual([
      {
        type: 'payment.failed',
        data: { orderId: 'o-declined', reason: 'DECLINED', message: 'card_declined' },
      },
    ]);
    expect(await payment.payment('o-declined')).toMatchObject({ status: 'DECLINED' });
  });

  it('found charged, order cancelled meanwhile: records the charge and refunds it', async () => {
    provider.failCharges('lose-answer');
    provider.failLookups('unavailable', 'unavailable', 'unavailable');
    await placeAndReserve('o-lost');
    await until(
      async () => ((await payment.payment('o-lost'))?.owedCall?.attempts ?? 0) >= 2,
      'a failed lookup',
    );
    await payment.send(OrderCancelled, orderCancelled('o-lost'), 'o-lost');
    await payment.settle();
    expect(moneyOf('o-lost')).toEqual(['charge', 'refund']);
    expect(callsFor('o-lost').filter((kind) => kind === 'charge')).toHaveLength(1);
    expect(await types('o-lost')).toEqual(['payment.succeeded', 'payment.refunded']);
  });

  it('not found: charges once', async () => {
    provider.failCharges('unavailable');
    await placeAndReserve('o-down');
    await payment.settle();
    expect(callsFor('o-down')).toEqual(['charge', 'lookup', 'charge']);
    expect(moneyOf('o-down')).toEqual(['charge']);
    expect(await types('o-down')).toEqual(['payment.succeeded']);
  });

  it('not found, order cancelled meanwhile: charges nothing', async () => {
    provider.down();
    await placeAndReserve('o-gone');
    await until(
      async () => ((await payment.payment('o-gone'))?.owedCall?.attempts ?? 0) >= 2,
      'the charge and a lookup failing',
    );
    await payment.send(OrderCancelled, orderCancelled('o-gone'), 'o-gone');
    await payment.settleEvents();
    expect(await payment.payment('o-gone')).toMatchObject({ cancelRequested: true });
    provider.up();
    await payment.settle();
    expect(moneyOf('o-gone')).toEqual([]);
    expect(provider.simulator.callsFor('o-gone')).toBe(0);
    expect(callsFor('o-gone').at(-1)).toBe('lookup');
    expect(await types('o-gone')).toEqual([]);
    expect(await payment.payment('o-gone')).toMatchObject({
      status: 'CANCELLED_BEFORE_CHARGE',
      token: null,
      owedCall: null,
    });
  });

  it('not found after a timeout: TIMED_OUT, reported once, nothing charged', async () => {
    await placeAndReserve('o-slow', 'tok_timeout');
    await payment.settle();
    expect(callsFor('o-slow')).toEqual(['charge', 'lookup']);
    expect(await payment.published('o-slow')).toEqual([
      {
        type: 'payment.failed',
        data: {
          orderId: 'o-slow',
          reason: 'TIMEOUT',
          message: 'the payment provider did not answer within 100 ms',
        },
      },
    ]);
    expect(await payment.payment('o-slow')).toMatchObject({ status: 'TIMED_OUT' });
    expect(moneyOf('o-slow')).toEqual([]);
  });

  it('a lookup without an answer is made again; the charge is not', async () => {
    provider.failCharges('lose-answer');
    provider.failLookups('hang', 'unavailable');
    await placeAndReserve('o-quiet');
    await payment.settle();
    expect(callsFor('o-quiet')).toEqual(['charge', 'lookup', 'lookup', 'lookup']);
    expect(moneyOf('o-quiet')).toEqual(['charge']);
    expect(await types('o-quiet')).toEqual(['payment.succeeded']);
  });
});
