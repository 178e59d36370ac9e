import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';

/** What the payment provider moved for one charge key. */
export interface MoneyMoved {
  readonly paymentId: string;
  readonly charged: number;
  readonly refunds: number;
  readonly refunded: number;
}

/**
 * What the payment provider (the simulator, keeping its books in the payment schema) says it
 * charged and refunded, per charge key: eventmart charges with the order id as key.
 */
export async function moneyByOrder(database: SqlDatabase): Promise<Map<string, MoneyMoved>> {
  const rows = await sql<MoneyMoved & { chargeKey: string }>`
    SELECT charge_key AS "chargeKey", payment_id AS "paymentId", charged, refunds, refunded
    FROM payment.simulated_ledger_totals`.execute(database.db);
  return new Map(rows.rows.map(({ chargeKey, ...money }) => [chargeKey, money]));
}

/** Successful charges the provider's ledger holds per charge key (its primary key makes it one). */
export async function chargesByOrder(database: SqlDatabase): Promise<Map<string, number>> {
  const rows = await sql<{ key: string; n: number }>`
    SELECT idempotency_key AS key, count(*)::integer AS n FROM payment.simulated_ledger
    WHERE kind = 'charge' AND outcome = 'succeeded' GROUP BY idempotency_key`.execute(database.db);
  return new Map(rows.rows.map((row) => [row.key, row.n]));
}

/** The payment id the payment service recorded for each order it charged. */
export async function paymentIdsByOrder(database: SqlDatabase): Promise<Map<string, string>> {
  const rows = await sql<{ order_id: string; payment_id: string }>`
    SELECT order_id, payment_id FROM payment.payments WHERE payment_id IS NOT NULL`.execute(
    database.db,
  );
  return new Map(rows.rows.map((row) => [row.order_id, row.payment_id]));
}
