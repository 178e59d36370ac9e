import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';

const SCHEMAS = ['user', 'order', 'inventory', 'payment', 'fulfillment', 'notification'];

/**
 * The event types the services wrote about a subject, in the order they happened, from their
 * outboxes (kept after sending): the saga's history whatever the transport. Each event is
 * caused by an earlier one that had committed before, so transaction times order them.
 */
export async function outboxHistory(database: SqlDatabase, subject: string): Promise<string[]> {
  const union = sql.join(
    SCHEMAS.map(
      (schema) =>
        sql`SELECT event_type, created_at, seq FROM ${sql.table(`${schema}.outbox`)} WHERE message_key = ${subject}`,
    ),
    sql` UNION ALL `,
  );
  const rows = await sql<{
    event_type: string;
  }>`SELECT event_type FROM (${union}) AS events ORDER BY created_at, seq`.execute(database.db);
  return rows.rows.map((row) => row.event_type);
}
