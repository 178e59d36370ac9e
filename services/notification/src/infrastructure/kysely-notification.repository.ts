import { EmailTemplate } from '@eventmart/contracts';
import type { Db, Tx } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { sql, type Kysely, type Selectable } from 'kysely';
import {
  NotificationRepository,
  type MailRecord,
  type MailboxFilter,
  type Recipient,
} from '../application/notification.repository.port.js';
import type { NotificationTables } from './notification.tables.js';

@Injectable()
export class KyselyNotificationRepository extends NotificationRepository {
  async saveRecipient(db: Db | Tx, recipient: Recipient): Promise<void> {
    await tables(db)
      .insertInto('users')
      .values({ id: recipient.userId, email: recipient.email, name: recipient.name })
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet({ email: recipient.email, name: recipient.name }),
      )
      .execute();
  }

  async findRecipient(db: Db | Tx, userId: string): Promise<Recipient | undefined> {
    const row = await tables(db)
      .selectFrom('users')
      .select(['id', 'email', 'name'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return row && { userId: row.id, email: row.email, name: row.name };
  }

  async recordMail(db: Db | Tx, mail: MailRecord): Promise<boolean> {
    const inserted = await tables(db)
      .insertInto('mails')
      .values({
        id: mail.id,
        event_id: mail.eventId,
        message_id: mail.messageId,
        to: mail.to,
        subject: mail.subject,
        template: mail.template,
        text: mail.text,
        order_id: mail.orderId,
        user_id: mail.userId,
        channel: mail.channel,
        sent_at: mail.sentAt,
      })
      .onConflict((conflict) => conflict.column('event_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async listMails(db: Db | Tx, filter: MailboxFilter): Promise<MailRecord[]> {
    let query = tables(db)
      .selectFrom('mails')
      .selectAll()
      .orderBy('sent_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit);
    if (filter.to !== undefined)
      query = query.where(sql<string>`lower("to")`, '=', sql<string>`lower(${filter.to})`);
    return (await query.execute()).map(toMailRecord);
  }
}

function toMailRecord(row: Selectable<NotificationTables['mails']>): MailRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    messageId: row.message_id,
    to: row.to,
    subject: row.subject,
    template: EmailTemplate.parse(row.template),
    text: row.text,
    orderId: row.order_id,
    userId: row.user_id,
    channel: row.channel,
    sentAt: row.sent_at,
  };
}

const tables = (db: Db | Tx): Kysely<NotificationTables> => db as Kysely<NotificationTables>;
