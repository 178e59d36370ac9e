import type { Db, Tx } from '@eventmart/eventing';
import { InjectDb } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import type { Kysely, Transaction } from 'kysely';
import { InventoryStore } from '../application/inventory-store.port.js';
import type { OrderStockStatus } from '../domain/order-stock.js';
import type { CatalogueEntry, Product } from '../domain/product.js';
import type { StockLine } from '../domain/reservation.js';
import { newStock, type StockLevel } from '../domain/stock-level.js';
import type { InventoryTables } from './inventory.tables.js';

const typed = (tx: Tx): Transaction<InventoryTables> => tx as Transaction<InventoryTables>;

@Injectable()
export class KyselyInventoryStore extends InventoryStore {
  private readonly db: Kysely<InventoryTables>;

  constructor(@InjectDb() db: Db) {
    super();
    this.db = db as Kysely<InventoryTables>;
  }

  async lockOrder(tx: Tx, orderId: string): Promise<OrderStockStatus> {
    // An upsert that changes nothing: it creates the record or, if one exists, waits for and
    // takes its row lock, in one statement and without a race between the two cases.
    const row = await typed(tx)
      .insertInto('order_stock')
      .values({ order_id: orderId, status: 'NONE' })
      .onConflict((oc) =>
        oc.column('order_id').doUpdateSet((eb) => ({ order_id: eb.ref('excluded.order_id') })),
      )
      .returning('status')
      .executeTakeFirstOrThrow();
    return row.status;
  }

  async setOrderStatus(tx: Tx, orderId: string, status: OrderStockStatus): Promise<void> {
    await typed(tx)
      .updateTable('order_stock')
      .set({ status, updated_at: new Date() })
      .where('order_id', '=', orderId)
      .execute();
  }

  async lockStock(tx: Tx, skus: readonly string[]): Promise<Map<string, StockLevel>> {
    if (skus.length === 0) return new Map();
    const rows = await typed(tx)
      .selectFrom('products')
      .select(['sku', 'total', 'available', 'reserved', 'sold'])
      .where('sku', 'in', [...skus])
      .orderBy('sku')
      .forUpdate()
      .execute();
    return new Map(rows.map((row) => [row.sku, row]));
  }

  async saveStock(tx: Tx, levels: readonly StockLevel[]): Promise<void> {
    for (const { sku, total, available, reserved, sold } of levels) {
      await typed(tx)
        .updateTable('products')
        .set({ total, available, reserved, sold, updated_at: new Date() })
        .where('sku', '=', sku)
        .execute();
    }
  }

  async addReservation(tx: Tx, orderId: string, lines: readonly StockLine[]): Promise<void> {
    if (lines.length === 0) return;
    await typed(tx)
      .insertInto('reservations')
      .values(
        lines.map(({ sku, quantity }) => ({
          order_id: orderId,
          sku,
          quantity,
          status: 'RESERVED',
        })),
      )
      .execute();
  }

  async heldLines(tx: Tx, orderId: string): Promise<StockLine[]> {
    return typed(tx)
      .selectFrom('reservations')
      .select(['sku', 'quantity'])
      .where('order_id', '=', orderId)
      .where('status', '=', 'RESERVED')
      .orderBy('sku')
      .execute();
  }

  async closeReservation(tx: Tx, orderId: string, status: 'RELEASED' | 'SOLD'): Promise<void> {
    await typed(tx)
      .updateTable('reservations')
      .set({ status, updated_at: new Date() })
      .where('order_id', '=', orderId)
      .where('status', '=', 'RESERVED')
      .execute();
  }

  async upsertProducts(tx: Tx, entries: readonly CatalogueEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await typed(tx)
      .insertInto('products')
      .values(
        entries.map(({ sku, name, unitPrice, currency, stock }) => ({
          ...newStock(sku, stock),
          name,
          unit_price: unitPrice,
          currency,
        })),
      )
      .onConflict((oc) =>
        oc.column('sku').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          unit_price: eb.ref('excluded.unit_price'),
          currency: eb.ref('excluded.currency'),
          updated_at: new Date(),
        })),
      )
      .execute();
  }

  async products(skus?: readonly string[]): Promise<Product[]> {
    if (skus?.length === 0) return [];
    let query = this.db
      .selectFrom('products')
      .select(['sku', 'name', 'unit_price', 'currency', 'total', 'available', 'reserved', 'sold'])
      .orderBy('sku');
    if (skus !== undefined) query = query.where('sku', 'in', [...skus]);
    const rows = await query.execute();
    return rows.map(({ unit_price, ...row }) => ({ ...row, unitPrice: unit_price }));
  }
}
