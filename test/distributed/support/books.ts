import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';

export interface StockRow {
  readonly sku: string;
  readonly total: number;
  readonly available: number;
  readonly reserved: number;
  readonly sold: number;
}

/** Inventory's three buckets per SKU, as stored. */
export async function stockBySku(database: SqlDatabase): Promise<Map<string, StockRow>> {
  const rows = await sql<StockRow>`
    SELECT sku, total, available, reserved, sold FROM inventory.products`.execute(database.db);
  return new Map(rows.rows.map((row) => [row.sku, row]));
}

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

/** The payment id the payment service recorded for each order it charged. */
export async function paymentIdsByOrder(database: SqlDatabase): Promise<Map<string, string>> {
  const rows = await sql<{ order_id: string; payment_id: string }>`
    SELECT order_id, payment_id FROM payment.payments WHERE payment_id IS NOT NULL`.execute(
    database.db,
  );
  return new Map(rows.rows.map((row) => [row.order_id, row.payment_id]));
}

/** Events some service gave up on, in every schema. */
export async function deadLetters(database: SqlDatabase): Promise<number> {
  const rows = await sql<{ n: number }>`
    SELECT ((SELECT count(*) FROM "order".dead_letters) + (SELECT count(*) FROM inventory.dead_letters)
      + (SELECT count(*) FROM payment.dead_letters) + (SELECT count(*) FROM notification.dead_letters)
      + (SELECT count(*) FROM fulfillment.dead_letters) + (SELECT count(*) FROM "user".dead_letters))::integer AS n`.execute(
    database.db,
  );
  return rows.rows[0]?.n ?? 0;
}
