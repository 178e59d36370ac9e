import { OrderCancelled, OrderPlaced, StockReserved } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedPaymentProvider } from './infrastructure/simulated-payment-provider.js';
import { InMemorySimulatedLedger, type RecordedAnswer } from './infrastructure/simulated-ledger.js';
import {
  PaymentHarness,
  orderCancelled,
  orderPlaced,
  stockReserved,
  until,
} from './testing/payment-harness.fixture.js';

/**
 * A ledger whose writes wait until the test lets them through: the provider has taken the
 * charge and is slow to finish it, as a loaded provider (or the simulator's own database,
 * on a busy machine) is. The caller's timeout runs out first; the charge lands afterwards.
 */
class GatedLedger extends InMemorySimulatedLedger {
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  waiting = 0;

  override async record(answer: RecordedAnswer): Promise<RecordedAnswer> {
    this.waiting += 1;
    await this.gate;
    return super.record(answer);
  }

  letThrough(): void {
    this.open();
  }
}

describe('a charge that completes after the timeout (the chaos run’s kept money)', () => {
  let database: SqlDatabase;
  let payment: PaymentHarness;
  let ledger: GatedLedger;
  let provider: SimulatedPaymentProvider;

  beforeEach(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    ledger = new GatedLedger();
    provider = new SimulatedPaymentProvider({ store: ledger });
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

  async function chargeTimesOut(orderId: string): Promise<void> {
    await payment.send(OrderPlaced, orderPlaced(orderId), orderId);
    await payment.send(StockReserved, stockReserved(orderId), orderId);
    // The provider took the charge and is still working on it after our timeout ran out.
    await until(() => ledger.waiting > 0, 'the provider to take the charge');
    await until(async () => {
      const now = await payment.payment(orderId);
      return now?.status !== 'CHARGING' || (now.owedCall?.attempts ?? 0) >= 2;
    }, 'the timeout to run out');
    expect(ledger.waiting).toBe(1);
  }

  const kept = (orderId: string): number =>
    provider
      .ledger()
      .filter((entry) => entry.idempotencyKey.endsWith(orderId))
      .reduce((sum, entry) => sum + (entry.kind === 'charge' ? entry.amount : -entry.amount), 0);

  it('reports the late charge as the payment, never as a failure', async () => {
    await chargesTimesOutThenLands('o-late');
    const charge = provider.ledger()[0];
    expect(charge).toMatchObject({ kind: 'charge', idempotencyKey: 'o-late', amount: 4_200 });
    expect(await payment.published('o-late')).toEqual([
      {
        type: 'payment.succeeded',
        data: { orderId: 'o-late', paymentId: charge?.paymentId, amount: 4_200, currency: 'EUR' },
      },
    ]);
    expect(await payment.payment('o-late')).toMatchObject({
      status: 'SUCCEEDED',
      paymentId: charge?.paymentId,
    });
  });

  it('refunds the late charge of an order cancelled meanwhile', async () => {
    await chargeTimesOut('o-gone');
    await payment.send(OrderCancelled, orderCancelled('o-gone', 'PAYMENT_TIMEOUT'), 'o-gone');
    await payment.settleEvents();
    ledger.letThrough();
    await payment.settle();
    expect(provider.ledger().map((entry) => entry.kind)).toEqual(['charge', 'refund']);
    expect(kept('o-gone')).toBe(0);
    expect(await payment.payment('o-gone')).toMatchObject({ status: 'REFUNDED' });
    expect((await payment.published('o-gone')).map((event) => event.type)).toEqual([
      'payment.succeeded',
      'payment.refunded',
    ]);
  });

  async function chargesTimesOutThenLands(orderId: string): Promise<void> {
    await chargeTimesOut(orderId);
    expect(await payment.published(orderId)).toEqual([]);
    ledger.letThrough();
    await payment.settle();
  }
});
