import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';

/** An e-mail the notification service sent (or kept in its mailbox), and the event it answers. */
export interface MailRow {
  readonly id: string;
  readonly eventId: string;
  readonly template: string;
  readonly orderId: string | null;
}

export async function mailsSent(database: SqlDatabase): Promise<MailRow[]> {
  const rows = await sql<MailRow>`
    SELECT id::text AS id, event_id::text AS "eventId", template, order_id AS "orderId"
    FROM notification.mails`.execute(database.db);
  return rows.rows;
}
