import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';
import { BACKEND_SERVICES } from '../system/distributed-shop.js';

/** One row of a service's inbox: a consumer dealt with an event, once. */
export interface InboxRow {
  readonly consumer: string;
  readonly eventId: string;
  readonly status: 'processed' | 'dead-lettered';
}

export async function inboxRows(database: SqlDatabase): Promise<InboxRow[]> {
  const union = sql.join(
    BACKEND_SERVICES.map(
      (schema) => sql`
        SELECT consumer, event_id::text AS "eventId", status FROM ${sql.table(`${schema}.inbox`)}`,
    ),
    sql` UNION ALL `,
  );
  return (await sql<InboxRow>`${union}`.execute(database.db)).rows;
}

/** A dead letter, with what identifies the message it holds even when that did not parse. */
export interface DeadLetterRow {
  readonly service: string;
  readonly consumer: string;
  readonly reason: string;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly topic: string;
  /** `ce_id` of the message's headers: set for every message, JSON or not. */
  readonly messageId: string | null;
  /** Where the message sat in the transport: two rows with one position are one delivery. */
  readonly position: string;
}

/**
 * The last ce_id header of a dead letter's record (headers are [name, base64] pairs), as text
 * that never fails to decode: 'escape' renders a byte that is not ASCII as \\ooo.
 */
const CE_ID = sql`(
  SELECT encode(decode(h.pair->>1, 'base64'), 'escape')
  FROM jsonb_array_elements(record_headers) WITH ORDINALITY AS h(pair, n)
  WHERE h.pair->>0 = 'ce_id' ORDER BY h.n DESC LIMIT 1)`;

export async function deadLetterRows(database: SqlDatabase): Promise<DeadLetterRow[]> {
  const union = sql.join(
    BACKEND_SERVICES.map(
      (schema) => sql`
        SELECT ${schema} AS service, consumer, reason, event_id::text AS "eventId",
          event_type AS "eventType", topic, ${CE_ID} AS "messageId",
          concat_ws(':', topic, partition, message_offset) AS position
        FROM ${sql.table(`${schema}.dead_letters`)}`,
    ),
    sql` UNION ALL `,
  );
  return (await sql<DeadLetterRow>`${union}`.execute(database.db)).rows;
}
