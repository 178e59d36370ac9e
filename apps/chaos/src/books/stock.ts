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

/** Inventory's reservation lines per order, with their state (RESERVED, RELEASED, SOLD). */
export interface ReservationRow {
  readonly orderId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly status: string;
}

export async function reservations(database: SqlDatabase): Promise<ReservationRow[]> {
  const rows = await sql<ReservationRow>`
    SELECT order_id AS "orderId", sku, quantity, status FROM inventory.reservations`.execute(
    database.db,
  );
  return rows.rows;
}
