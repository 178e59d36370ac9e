import type { Db, Tx } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import { OrderReadModel, type OrderView } from '../application/order-read-model.port.js';
import { orderTables, type OrdersTable } from './order.tables.js';

/** The `orders` table. */
@Injectable()
export class KyselyOrderReadModel extends OrderReadModel {
  async save(tx: Tx, view: OrderView): Promise<void> {
    const row = {
      customer_id: view.customerId,
      status: view.status,
      lines: JSON.stringify(view.lines),
      total: view.total,
      currency: view.currency,
      cancellation_reason: view.cancellationReason,
      cancellation_detail: view.cancellationDetail,
      version: view.version,
      placed_at: view.placedAt,
      updated_at: view.updatedAt,
    };
    await orderTables(tx)
      .insertInto('orders')
      .values({ id: view.id, ...row })
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet(row).where('orders.version', '<', view.version),
      )
      .execute();
  }

  async find(db: Db, orderId: string): Promise<OrderView | undefined> {
    const row = await orderTables(db)
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirst();
    return row === undefined ? undefined : toView(row);
  }

  async listByCustomer(db: Db, customerId: string): Promise<OrderView[]> {
    const rows = await orderTables(db)
      .selectFrom('orders')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('placed_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toView);
  }
}

function toView(row: Selectable<OrdersTable>): OrderView {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status as OrderView['status'],
    lines: row.lines,
    total: Number(row.total),
    currency: row.currency,
    cancellationReason: row.cancellation_reason as OrderView['cancellationReason'],
    cancellationDetail: row.cancellation_detail,
    version: row.version,
    placedAt: row.placed_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
