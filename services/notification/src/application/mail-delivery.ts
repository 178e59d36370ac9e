import { EmailSent } from '@eventmart/contracts';
import { EventPublisher, type EventContext } from '@eventmart/eventing';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { MailContent, TemplateName } from '../domain/mail-templates.js';
import type { DependencyCircuit } from '@eventmart/resilience';
import { MailSender } from './mail-sender.port.js';
import { NotificationRepository } from './notification.repository.port.js';

/** The circuit breaker around the mail server (a DependencyCircuit). */
export const SMTP_CIRCUIT = Symbol('eventmart:smtp-circuit');

export interface MailRequest {
  /** The event that calls for the mail. */
  readonly eventId: string;
  readonly to: string;
  readonly template: TemplateName;
  readonly content: MailContent;
  readonly orderId?: string;
  readonly userId?: string;
}

/**
 * Sends the one e-mail an event calls for, inside the handler's transaction: the mail is
 * recorded, handed to the sender, and email.sent written to the outbox, all before the commit.
 * If sending fails nothing is kept and the handler is retried. If the process dies after the
 * server accepted the mail but before the commit, the event is handled again and the mail sent
 * a second time (at least once); it carries the same Message-ID, so the receiving side can
 * drop it. A replay of the event that gets past the inbox finds its row here and sends nothing.
 * While the server keeps failing, its circuit breaker opens: sending then throws
 * RetryLaterError without calling it, and the event waits without using up its attempts.
 */
@Injectable()
export class MailDelivery {
  constructor(
    private readonly sender: MailSender,
    private readonly repository: NotificationRepository,
    private readonly publisher: EventPublisher,
    @Inject(SMTP_CIRCUIT) private readonly circuit: DependencyCircuit,
  ) {}

  async deliver(context: EventContext, request: MailRequest): Promise<void> {
    const { tx } = context;
    const id = uuidv7();
    const messageId = messageIdFor(request.eventId, this.sender.from);
    const recorded = await this.repository.recordMail(tx, {
      id,
      eventId: request.eventId,
      messageId,
      to: request.to,
      subject: request.content.subject,
      template: request.template,
      text: request.content.text,
      orderId: request.orderId ?? null,
      userId: request.userId ?? null,
      channel: this.sender.channel,
      sentAt: new Date(),
    });
    if (!recorded) return;
    await this.circuit.call(() =>
      this.sender.send({
        to: request.to,
        subject: request.content.subject,
        text: request.content.text,
        messageId,
      }),
    );
    await this.publisher.publish(
      EmailSent,
      {
        emailId: id,
        to: request.to,
        template: request.template,
        ...(request.orderId === undefined ? {} : { orderId: request.orderId }),
        ...(request.userId === undefined ? {} : { userId: request.userId }),
      },
      { subject: request.orderId ?? request.userId ?? id, context },
    );
  }
}

/** `<event-id@domain-of-from>`: one Message-ID per event, whatever the attempt. */
export function messageIdFor(eventId: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'eventmart.local';
  return `<${eventId}@${domain}>`;
}
