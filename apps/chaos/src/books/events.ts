import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';
import { BACKEND_SERVICES } from '../system/distributed-shop.js';

/** An event a service committed, as its outbox keeps it (rows stay after they are sent). */
export interface OutboxEvent {
  /** The service whose outbox holds it. */
  readonly service: string;
  readonly seq: string;
  readonly eventId: string;
  readonly type: string;
  readonly topic: string;
  /** The message key: the envelope's subject, an order id for the saga's events. */
  readonly key: string;
  readonly sent: boolean;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string;
}

/** Every row of every service's outbox, in commit order per service. */
export async function outboxEvents(database: SqlDatabase): Promise<OutboxEvent[]> {
  const union = sql.join(
    BACKEND_SERVICES.map(
      (schema) => sql`
        SELECT ${schema} AS service, seq::text AS seq, event_id::text AS "eventId",
          event_type AS type, topic, message_key AS key, sent_at IS NOT NULL AS sent, headers, payload,
          tx_id AS tx
        FROM ${sql.table(`${schema}.outbox`)}`,
    ),
    sql` UNION ALL `,
  );
  const rows = await sql<OutboxEvent & { tx: string }>`
    SELECT * FROM (${union}) AS events ORDER BY service, tx, seq`.execute(database.db);
  return rows.rows.map(({ tx: _tx, ...event }) => event);
}
