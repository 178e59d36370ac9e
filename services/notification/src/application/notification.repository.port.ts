import type { Db, Tx } from '@eventmart/eventing';
import type { TemplateName } from '../domain/mail-templates.js';

export interface Recipient {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
}

export interface MailRecord {
  readonly id: string;
  /** The event the mail is about: one mail per event. */
  readonly eventId: string;
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly template: TemplateName;
  readonly text: string;
  readonly orderId: string | null;
  readonly userId: string | null;
  readonly channel: 'smtp' | 'mailbox';
  readonly sentAt: Date;
}

export interface MailboxFilter {
  /** Only mails to this address, compared case-insensitively. */
  readonly to?: string | undefined;
  readonly limit: number;
}

/** The notification service's tables. Each method runs on the handle it is given. */
export abstract class NotificationRepository {
  /** Adds or refreshes a user of the projection. */
  abstract saveRecipient(db: Db | Tx, recipient: Recipient): Promise<void>;

  abstract findRecipient(db: Db | Tx, userId: string): Promise<Recipient | undefined>;

  /** Records the mail; false if a mail for the same event is recorded already. */
  abstract recordMail(db: Db | Tx, mail: MailRecord): Promise<boolean>;

  /** Mails, newest first. */
  abstract listMails(db: Db | Tx, filter: MailboxFilter): Promise<MailRecord[]>;
}
