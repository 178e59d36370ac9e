import type { ColumnType } from 'kysely';
import type { ShipmentStatus } from '../domain/shipment.js';

/** The tables of migrations/0001_fulfillment.sql, as Kysely sees them. */
export interface FulfillmentTables {
  shipments: {
    id: string;
    order_id: string;
    customer_id: string;
    status: ShipmentStatus;
    carrier: string | null;
    tracking_number: string | null;
    created_at: ColumnType<Date, Date | undefined, never>;
    updated_at: ColumnType<Date, Date | undefined, Date>;
    shipped_at: Date | null;
    cancelled_at: Date | null;
  };
  cancelled_orders: {
    order_id: string;
    reason: string;
    cancelled_at: ColumnType<Date, Date | undefined, never>;
  };
}
