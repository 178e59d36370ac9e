import type { Db } from '@eventmart/eventing';
import type { ColumnType, Kysely } from 'kysely';

/** JSON goes in as text (node-postgres would turn a JS array into a Postgres array). */
type Json<T> = ColumnType<T, string, string>;

export interface OrderEventsTable {
  stream_id: string;
  version: number;
  type: string;
  data: Json<Record<string, unknown>>;
  recorded_at: Date;
  event_id: string;
  correlation_id: string | null;
  causation_id: string | null;
}

export interface OrdersTable {
  id: string;
  customer_id: string;
  status: string;
  lines: Json<{ sku: string; quantity: number; unitPrice: number }[]>;
  /** bigint: read back as a string. */
  total: ColumnType<string, number, number>;
  currency: string;
  cancellation_reason: string | null;
  cancellation_detail: string | null;
  version: number;
  placed_at: ColumnType<Date, string, string>;
  updated_at: ColumnType<Date, string, string>;
}

export interface OrderTables {
  order_events: OrderEventsTable;
  orders: OrdersTable;
}

/** The service's handle (scoped to its schema), typed with its tables. */
export const orderTables = (db: Db): Kysely<OrderTables> => db as Kysely<OrderTables>;
