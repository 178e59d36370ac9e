import type { Db, Tx } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  ConcurrencyError,
  OrderEventStore,
  type AppendMetadata,
  type RecordedOrderEvent,
} from '../application/order-event-store.port.js';
import { ORDER_EVENT_TYPES, type OrderEvent } from '../domain/index.js';
import { orderTables, type OrderEventsTable } from './order.tables.js';

/** The order streams in the `order_events` table. */
@Injectable()
export class KyselyOrderEventStore extends OrderEventStore {
  async load(
    db: Db,
    orderId: string,
    options: { readonly asOf?: Date } = {},
  ): Promise<RecordedOrderEvent[]> {
    let query = orderTables(db)
      .selectFrom('order_events')
      .selectAll()
      .where('stream_id', '=', orderId)
      .orderBy('version');
    if (options.asOf !== undefined) query = query.where('recorded_at', '<=', options.asOf);
    const rows = await query.execute();
    return rows.map(toRecorded);
  }

  async append(
    tx: Tx,
    orderId: string,
    expectedVersion: number,
    events: readonly OrderEvent[],
    { recordedAt, correlationId, causationId }: AppendMetadata,
  ): Promise<RecordedOrderEvent[]> {
    const recorded = events.map((event, index) => ({
      version: expectedVersion + index + 1,
      event,
      recordedAt,
      eventId: uuidv7(),
      correlationId,
      causationId,
    }));
    if (recorded.length === 0) return recorded;
    // A failed statement aborts the whole transaction in PostgreSQL; the savepoint keeps the
    // caller's (an event handler's, with its inbox row) usable for the next try.
    await sql`SAVEPOINT order_append`.execute(tx);
    try {
      await orderTables(tx)
        .insertInto('order_events')
        .values(
          recorded.map((r) => ({
            stream_id: orderId,
            version: r.version,
            type: r.event.type,
            data: JSON.stringify(r.event.data),
            recorded_at: r.recordedAt,
            event_id: r.eventId,
            correlation_id: r.correlationId,
            causation_id: r.causationId,
          })),
        )
        .execute();
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT order_append`.execute(tx);
      if (isVersionTaken(error)) throw new ConcurrencyError(orderId, expectedVersion);
      throw error;
    }
    await sql`RELEASE SAVEPOINT order_append`.execute(tx);
    return recorded;
  }
}

function isVersionTaken(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  // 23505: unique_violation. Only the (stream, version) key means another writer came first.
  return code === '23505' && constraint === 'order_events_pkey';
}

function toRecorded(row: Selectable<OrderEventsTable>): RecordedOrderEvent {
  if (!(ORDER_EVENT_TYPES as readonly string[]).includes(row.type))
    throw new Error(`order ${row.stream_id} has an event of unknown type ${row.type}`);
  return {
    version: row.version,
    event: { type: row.type, data: row.data } as OrderEvent,
    recordedAt: row.recorded_at,
    eventId: row.event_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
  };
}
