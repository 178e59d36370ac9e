// On PGlite handlers run one at a time; on PostgreSQL the three handlers of an order run at
// once (their events travel on three topics), and the payment row's lock keeps them apart.
import { OrderCancelled, OrderPlaced, StockReserved } from '@eventmart/contracts';
import { newEnvelope, type SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SimulatedPaymentProvider } from './infrastructure/simulated-payment-provider.js';
import {
  PaymentHarness,
  orderCancelled,
  orderPlaced,
  stockReserved,
} from './testing/payment-harness.fixture.js';

describeWithPostgres('payment under concurrent handlers on PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: SqlDatabase;
  let payment: PaymentHarness;
  const provider = new SimulatedPaymentProvider();

  beforeAll(async () => {
    testDatabase = await createTestDatabase('payment');
    database = await openDatabase({ url: testDatabase.url, poolSize: 10 });
    payment = await PaymentHarness.start(database, { provider, timeoutMs: 1_000 });
  });
  afterAll(async () => {
    await payment.close();
    await database.close();
    await testDatabase.drop();
  });

  it('leaves no cancelled order charged, whatever order its three events run in', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `o-${String(i)}`);
    const event = { source: 'test' };
    const placed = ids.map((id) =>
      newEnvelope(OrderPlaced, orderPlaced(id), { ...event, subject: id }),
    );
    const reserved = ids.map((id) =>
      newEnvelope(StockReserved, stockReserved(id), { ...event, subject: id }),
    );
    const cancelled = ids.map((id) =>
      newEnvelope(OrderCancelled, orderCancelled(id), { ...event, subject: id }),
    );
    // Each third of the orders sees a different event first.
    const third = ids.length / 3;
    await payment.deliver(cancelled.slice(0, third), OrderCancelled.topic);
    await payment.deliver(reserved.slice(third, 2 * third), StockReserved.topic);
    await payment.deliver(placed, OrderPlaced.topic);
    await payment.deliver(reserved.slice(0, third), StockReserved.topic);
    await payment.deliver(reserved.slice(2 * third), StockReserved.topic);
    await payment.deliver(cancelled.slice(third), OrderCancelled.topic);
    await payment.settle(30_000);

    const { charges, charged, refunds, refunded } = provider.totals();
    // Both fates happened: charged then refunded, and never charged.
    expect(charges).toBeGreaterThan(0);
    expect(charges).toBeLessThan(ids.length);
    expect(refunds).toBe(charges);
    expect(refunded).toBe(charged);
    for (const id of ids) {
      const status = (await payment.payment(id))?.status;
      expect(['REFUNDED', 'CANCELLED_BEFORE_CHARGE']).toContain(status);
      expect(provider.ledger().filter((e) => e.idempotencyKey === id).length).toBeLessThanOrEqual(
        1,
      );
    }
    expect(await payment.deadLetters()).toEqual([]);
  });
});
