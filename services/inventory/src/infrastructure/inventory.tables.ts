import type { ColumnType, Generated } from 'kysely';
import type { OrderStockStatus } from '../domain/order-stock.js';

/** The tables of migrations/0001_inventory.sql, as Kysely sees them. */
export interface InventoryTables {
  products: {
    sku: string;
    name: string;
    unit_price: number;
    currency: string;
    total: number;
    available: number;
    reserved: number;
    sold: number;
    updated_at: ColumnType<Date, never, Date>;
  };
  order_stock: {
    order_id: string;
    status: OrderStockStatus;
    updated_at: ColumnType<Date, never, Date>;
  };
  reservations: {
    order_id: string;
    sku: string;
    quantity: number;
    status: 'RESERVED' | 'RELEASED' | 'SOLD';
    updated_at: Generated<Date>;
  };
}
