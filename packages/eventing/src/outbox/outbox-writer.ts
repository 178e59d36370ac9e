import type { Envelope } from '@eventmart/contracts';
import { sql } from 'kysely';
import { encodeEnvelope } from '../envelope/cloudevents-codec.js';
import type { Tx } from '../sql/database.port.js';
import { eventingTables } from '../sql/tables.js';

/** The channel the relay listens on; one per service schema. */
export function outboxChannel(schema: string): string {
  return `eventmart_outbox_${schema}`;
}

/**
 * Appends events to the outbox inside the caller's transaction: they are sent if, and only
 * if, the transaction commits. The NOTIFY is delivered at commit too, waking the relay.
 */
export async function appendToOutbox(
  tx: Tx,
  schema: string,
  events: readonly { envelope: Envelope; topic: string }[],
): Promise<void> {
  if (events.length === 0) return;
  const db = eventingTables(tx, schema);
  await db
    .insertInto('outbox')
    .values(
      events.map(({ envelope, topic }) => {
        const message = encodeEnvelope(envelope, topic);
        return {
          event_id: envelope.id,
          event_type: envelope.type,
          topic,
          message_key: message.key,
          headers: JSON.stringify(message.headers),
          payload: message.value,
        };
      }),
    )
    .execute();
  await sql`SELECT pg_notify(${outboxChannel(schema)}, '')`.execute(tx);
}
