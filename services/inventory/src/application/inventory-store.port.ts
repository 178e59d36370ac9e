import type { Tx } from '@eventmart/eventing';
import type { OrderStockStatus } from '../domain/order-stock.js';
import type { CatalogueEntry, Product } from '../domain/product.js';
import type { StockLine } from '../domain/reservation.js';
import type { StockLevel } from '../domain/stock-level.js';

/**
 * Inventory's tables. Methods taking `tx` run in the caller's transaction (a handler's or a
 * unit of work's); the locks they take are held until it ends. Queries without `tx` read
 * committed data.
 */
export abstract class InventoryStore {
  /**
   * Locks the order's record for the rest of the transaction and answers its status, creating
   * it as NONE if the order is new. Every handler of an order calls this first, so the handlers
   * of one order never interleave, and they lock the order before any product (no deadlock).
   */
  abstract lockOrder(tx: Tx, orderId: string): Promise<OrderStockStatus>;

  abstract setOrderStatus(tx: Tx, orderId: string, status: OrderStockStatus): Promise<void>;

  /**
   * Locks the rows of the SKUs that exist, in SKU order (two orders sharing SKUs then wait on
   * each other instead of deadlocking), and answers their stock by SKU.
   */
  abstract lockStock(tx: Tx, skus: readonly string[]): Promise<Map<string, StockLevel>>;

  abstract saveStock(tx: Tx, levels: readonly StockLevel[]): Promise<void>;

  /** Records the order's held lines as RESERVED. */
  abstract addReservation(tx: Tx, orderId: string, lines: readonly StockLine[]): Promise<void>;

  /** The lines the order holds (status RESERVED), in SKU order. */
  abstract heldLines(tx: Tx, orderId: string): Promise<StockLine[]>;

  abstract closeReservation(tx: Tx, orderId: string, status: 'RELEASED' | 'SOLD'): Promise<void>;

  /** Inserts new SKUs with their stock; updates name and price of existing ones. */
  abstract upsertProducts(tx: Tx, entries: readonly CatalogueEntry[]): Promise<void>;

  /** Every product, or those of `skus` that exist, in SKU order. */
  abstract products(skus?: readonly string[]): Promise<Product[]>;
}
