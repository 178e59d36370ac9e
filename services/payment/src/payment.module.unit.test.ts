import { OrderPlaced, StockReserved } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentProvider } from './application/payment-provider.port.js';
import { SimulatedPaymentProvider } from './infrastructure/simulated-payment-provider.js';
import { PaymentModule } from './payment.module.js';
import { PaymentHarness, orderPlaced, stockReserved } from './testing/payment-harness.fixture.js';

describe('PaymentModule.forRoot', () => {
  let database: SqlDatabase;
  let payment: PaymentHarness;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    payment = await PaymentHarness.start(database, {});
  });
  afterAll(async () => {
    await payment.close();
    await database.close();
  });

  it('charges through the simulator when no provider is given', async () => {
    const simulator = payment.app.get(PaymentProvider);
    expect(simulator).toBeInstanceOf(SimulatedPaymentProvider);

    await payment.send(OrderPlaced, orderPlaced('o-1'), 'o-1');
    await payment.send(StockReserved, stockReserved('o-1'), 'o-1');
    await payment.settle();

    expect((simulator as SimulatedPaymentProvider).totals()).toMatchObject({ charged: 4_200 });
  });

  it('refuses an invalid timeout before anything starts', () => {
    expect(() => PaymentModule.forRoot({ timeoutMs: 0 })).toThrow('positive whole number');
  });
});
