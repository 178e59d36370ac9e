import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';

/** The statuses an order leaves no more by itself (services/order: OrderStatus). */
export const FINAL_STATUSES = ['CANCELLED', 'FULFILLMENT_READY', 'SHIPPED'] as const;

/** Statuses in which the order keeps the money it was charged. */
export const PAID_STATUSES = ['CONFIRMED', 'FULFILLMENT_READY', 'SHIPPED'] as const;

export interface OrderRow {
  readonly id: string;
  readonly customerId: string;
  readonly status: string;
  readonly total: number;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly cancellationReason: string | null;
  /** It was confirmed at some point (its stream holds OrderConfirmed), cancelled later or not. */
  readonly wasConfirmed: boolean;
}

/** Every order of the order service's read model, with what its stream says of confirmation. */
export async function ordersOf(database: SqlDatabase): Promise<OrderRow[]> {
  const rows = await sql<Omit<OrderRow, 'total'> & { total: string }>`
    SELECT o.id, o.customer_id AS "customerId", o.status, o.total, o.lines,
      o.cancellation_reason AS "cancellationReason",
      EXISTS (SELECT 1 FROM "order".order_events e
              WHERE e.stream_id = o.id AND e.type = 'OrderConfirmed') AS "wasConfirmed"
    FROM "order".orders o`.execute(database.db);
  return rows.rows.map((row) => ({ ...row, total: Number(row.total) }));
}

/** How many orders are not in a final status yet. */
export async function ordersNotFinal(database: SqlDatabase): Promise<number> {
  const rows = await sql<{ n: number }>`
    SELECT count(*)::integer AS n FROM "order".orders
    WHERE status NOT IN (${sql.join([...FINAL_STATUSES])})`.execute(database.db);
  return rows.rows[0]?.n ?? 0;
}
