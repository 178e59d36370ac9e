import type { Db, Tx } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { sql, type Kysely, type Selectable } from 'kysely';
import { ShipmentRepository } from '../application/shipment.repository.port.js';
import type { Shipment } from '../domain/shipment.js';
import type { FulfillmentTables } from './fulfillment.tables.js';

/** Keeps fulfillment's order locks apart from other users of advisory locks. */
const LOCK_NAMESPACE = 'eventmart.fulfillment.order:';

@Injectable()
export class KyselyShipmentRepository extends ShipmentRepository {
  async lockOrder(tx: Tx, orderId: string): Promise<void> {
    // Released at commit or rollback. Two orders hashing alike only wait for each other.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${LOCK_NAMESPACE + orderId}, 0))`.execute(
      tx,
    );
  }

  async findByOrder(db: Db | Tx, orderId: string): Promise<Shipment | undefined> {
    const row = await tables(db)
      .selectFrom('shipments')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row && toShipment(row);
  }

  async insert(tx: Tx, shipment: Shipment): Promise<void> {
    await tables(tx)
      .insertInto('shipments')
      .values({
        id: shipment.id,
        order_id: shipment.orderId,
        customer_id: shipment.customerId,
        status: shipment.status,
        carrier: shipment.carrier,
        tracking_number: shipment.trackingNumber,
        shipped_at: shipment.shippedAt,
        cancelled_at: shipment.cancelledAt,
      })
      .execute();
  }

  async update(tx: Tx, shipment: Shipment): Promise<void> {
    await tables(tx)
      .updateTable('shipments')
      .set({
        status: shipment.status,
        carrier: shipment.carrier,
        tracking_number: shipment.trackingNumber,
        shipped_at: shipment.shippedAt,
        cancelled_at: shipment.cancelledAt,
        updated_at: new Date(),
      })
      .where('id', '=', shipment.id)
      .execute();
  }

  async rememberCancellation(tx: Tx, orderId: string, reason: string): Promise<void> {
    await tables(tx)
      .insertInto('cancelled_orders')
      .values({ order_id: orderId, reason })
      .onConflict((conflict) => conflict.column('order_id').doNothing())
      .execute();
  }

  async isCancelled(tx: Tx, orderId: string): Promise<boolean> {
    const row = await tables(tx)
      .selectFrom('cancelled_orders')
      .select('order_id')
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row !== undefined;
  }
}

function toShipment(row: Selectable<FulfillmentTables['shipments']>): Shipment {
  return {
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    status: row.status,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    shippedAt: row.shipped_at,
    cancelledAt: row.cancelled_at,
  };
}

const tables = (db: Db | Tx): Kysely<FulfillmentTables> => db as Kysely<FulfillmentTables>;
