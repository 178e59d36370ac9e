import type { Db } from '@eventmart/eventing';
import { InjectDb } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { NotificationRepository, type MailRecord } from './notification.repository.port.js';

export const DEFAULT_MAILBOX_LIMIT = 50;

/** The sent log, which is also the development mailbox when no SMTP server is configured. */
@Injectable()
export class ListMailbox {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly repository: NotificationRepository,
  ) {}

  /** Newest first; only those to `to` (any letter case) when given. */
  execute(filter: { to?: string | undefined; limit?: number | undefined }): Promise<MailRecord[]> {
    return this.repository.listMails(this.db, {
      to: filter.to,
      limit: filter.limit ?? DEFAULT_MAILBOX_LIMIT,
    });
  }
}
