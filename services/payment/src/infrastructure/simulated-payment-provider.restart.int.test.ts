// The simulator on PostgreSQL, as a payment process uses it: each "process" is a new provider
// instance on the same database, so nothing is shared but the table.
import { fileURLToPath } from 'node:url';
import type { SqlDatabase } from '@eventmart/eventing';
import { migrate, openDatabase } from '@eventmart/postgres';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SimulatedPaymentProvider, TEST_TOKENS } from './simulated-payment-provider.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

const charge = (idempotencyKey: string, token: string = TEST_TOKENS.succeeds) => ({
  idempotencyKey,
  amount: 1_000,
  currency: 'EUR',
  token,
});

describeWithPostgres('simulated payment provider with its ledger in PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: SqlDatabase;
  const restarted = () => SimulatedPaymentProvider.forDatabase(database);

  beforeAll(async () => {
    testDatabase = await createTestDatabase('sim_ledger');
    database = await openDatabase({ url: testDatabase.url });
    await migrate(database.db, {
      schema: 'payment',
      sets: [{ name: 'payment', directory: MIGRATIONS }],
    });
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  it('answers a key charged before a restart with the same payment, charging nothing more', async () => {
    const first = await restarted().charge(charge('order-1'));
    const again = restarted();
    expect(await again.charge(charge('order-1'))).toEqual(first);
    expect(again.totals().charges).toBe(0);
    const totals = await sql<{ charged: number; refunds: number }>`
      SELECT charged, refunds FROM payment.simulated_ledger_totals WHERE charge_key = 'order-1'`.execute(
      database.db,
    );
    expect(totals.rows).toEqual([{ charged: 1_000, refunds: 0 }]);
  });

  it('charges once when two processes race on a key', async () => {
    const answers = await Promise.all([
      restarted().charge(charge('order-2')),
      restarted().charge(charge('order-2')),
      restarted().charge(charge('order-2')),
    ]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    const rows = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM payment.simulated_ledger WHERE idempotency_key = 'order-2'`.execute(
      database.db,
    );
    expect(rows.rows[0]?.n).toBe(1);
  });

  it('remembers a decline and refuses a key reused for another request, after a restart', async () => {
    const declined = await restarted().charge(charge('order-3', TEST_TOKENS.declined));
    expect(declined).toEqual({ status: 'declined', reason: 'card_declined' });
    expect(await restarted().charge(charge('order-3', TEST_TOKENS.declined))).toEqual(declined);
    await expect(restarted().charge(charge('order-3'))).rejects.toThrow(
      'idempotency key order-3 was used for another request',
    );
  });

  it('refunds once per key and no more than was charged, across restarts', async () => {
    const paid = await restarted().charge(charge('order-4'));
    if (paid.status !== 'succeeded') throw new Error('expected a charge');
    const refund = {
      idempotencyKey: 'refund:order-4',
      paymentId: paid.paymentId,
      amount: 1_000,
    };
    const first = await restarted().refund(refund);
    expect(await restarted().refund(refund)).toEqual(first);
    await expect(
      restarted().refund({ ...refund, idempotencyKey: 'another', amount: 1 }),
    ).rejects.toThrow(`cannot refund 1 of ${paid.paymentId}: 0 left`);
    await expect(
      restarted().refund({ idempotencyKey: 'x', paymentId: 'pay_unknown', amount: 1 }),
    ).rejects.toThrow('unknown payment pay_unknown');
    const totals = await sql<{ charged: number; refunds: number; refunded: number }>`
      SELECT charged, refunds, refunded FROM payment.simulated_ledger_totals
      WHERE charge_key = 'order-4'`.execute(database.db);
    expect(totals.rows).toEqual([{ charged: 1_000, refunds: 1, refunded: 1_000 }]);
  });

  it('keeps two concurrent partial refunds of one payment within what was charged', async () => {
    const paid = await restarted().charge(charge('order-5'));
    if (paid.status !== 'succeeded') throw new Error('expected a charge');
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((key) =>
        restarted().refund({ idempotencyKey: key, paymentId: paid.paymentId, amount: 400 }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
  });
});
