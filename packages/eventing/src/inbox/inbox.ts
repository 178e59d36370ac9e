import type { Tx } from '../sql/database.port.js';
import { eventingTables, type InboxTable } from '../sql/tables.js';

/**
 * Records that `consumer` has dealt with `eventId`, inside the caller's transaction.
 * Returns false when it already had: the caller must then skip the effect. A concurrent
 * duplicate blocks on the primary key until the first transaction ends, then sees its row
 * (or, if that one rolled back, takes over), so two members never both apply an event.
 */
export async function recordInInbox(
  tx: Tx,
  schema: string,
  entry: { consumer: string; eventId: string; eventType: string; status: InboxTable['status'] },
): Promise<boolean> {
  const db = eventingTables(tx, schema);
  const inserted = await db
    .insertInto('inbox')
    .values({
      consumer: entry.consumer,
      event_id: entry.eventId,
      event_type: entry.eventType,
      status: entry.status,
    })
    .onConflict((conflict) => conflict.columns(['consumer', 'event_id']).doNothing())
    .returning('event_id')
    .execute();
  return inserted.length === 1;
}
