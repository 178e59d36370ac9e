import { UserRegistered, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { NotificationRepository } from './notification.repository.port.js';

/** Keeps the service's own copy of who the users are: e-mails never wait on the user service. */
@Injectable()
export class UserProjection {
  constructor(private readonly repository: NotificationRepository) {}

  @OnEvent(UserRegistered, { name: 'user-projection' })
  async onUserRegistered(
    event: EventOf<typeof UserRegistered>,
    { tx }: HandlerContext,
  ): Promise<void> {
    const { userId, email, name } = event.data;
    await this.repository.saveRecipient(tx, { userId, email, name });
  }
}
