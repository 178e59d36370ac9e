import { UserRegistered, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { welcomeMail } from '../domain/mail-templates.js';
import { MailDelivery } from './mail-delivery.js';

/**
 * Separate from the projection: if the welcome mail cannot be sent yet (SMTP down), the user
 * still enters the projection, and their order mails are not held up behind it.
 */
@Injectable()
export class WelcomeMail {
  constructor(private readonly delivery: MailDelivery) {}

  @OnEvent(UserRegistered, { name: 'welcome-mail' })
  async onUserRegistered(
    event: EventOf<typeof UserRegistered>,
    context: HandlerContext,
  ): Promise<void> {
    const { userId, email, name } = event.data;
    await this.delivery.deliver(context, {
      eventId: event.id,
      to: email,
      template: 'welcome',
      content: welcomeMail({ name }),
      userId,
    });
  }
}
