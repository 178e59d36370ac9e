import type { ColumnType } from 'kysely';

/** The tables of migrations/0001_notification.sql, as Kysely sees them. */
export interface NotificationTables {
  users: {
    id: string;
    email: string;
    name: string;
    registered_at: ColumnType<Date, Date | undefined, Date>;
  };
  mails: {
    id: string;
    event_id: string;
    message_id: string;
    to: string;
    subject: string;
    template: string;
    text: string;
    order_id: string | null;
    user_id: string | null;
    channel: 'smtp' | 'mailbox';
    sent_at: Date;
  };
}
