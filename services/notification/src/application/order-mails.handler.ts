import { OrderCancelled, OrderConfirmed, OrderShipped, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import {
  orderCancelledMail,
  orderConfirmedMail,
  orderShippedMail,
  type MailContent,
  type TemplateName,
} from '../domain/mail-templates.js';
import { MailDelivery } from './mail-delivery.js';
import { NotificationRepository } from './notification.repository.port.js';
import { RecipientNotKnownError } from './recipient-not-known.error.js';

/** Writes to the customer at each step of an order, at the address of the user projection. */
@Injectable()
export class OrderMails {
  constructor(
    private readonly repository: NotificationRepository,
    private readonly delivery: MailDelivery,
  ) {}

  @OnEvent(OrderConfirmed, { name: 'order-confirmed-mail' })
  onOrderConfirmed(event: EventOf<typeof OrderConfirmed>, context: HandlerContext): Promise<void> {
    const { orderId, customerId, total, currency } = event.data;
    return this.send(context, event.id, customerId, orderId, 'order-confirmed', (name) =>
      orderConfirmedMail({ name, orderId, total, currency }),
    );
  }

  @OnEvent(OrderCancelled, { name: 'order-cancelled-mail' })
  onOrderCancelled(event: EventOf<typeof OrderCancelled>, context: HandlerContext): Promise<void> {
    const { orderId, customerId, reason, detail, wasPaid } = event.data;
    return this.send(context, event.id, customerId, orderId, 'order-cancelled', (name) =>
      orderCancelledMail({ name, orderId, reason, detail, wasPaid }),
    );
  }

  @OnEvent(OrderShipped, { name: 'order-shipped-mail' })
  onOrderShipped(event: EventOf<typeof OrderShipped>, context: HandlerContext): Promise<void> {
    const { orderId, customerId, carrier, trackingNumber } = event.data;
    return this.send(context, event.id, customerId, orderId, 'order-shipped', (name) =>
      orderShippedMail({ name, orderId, carrier, trackingNumber }),
    );
  }

  private async send(
    context: HandlerContext,
    eventId: string,
    customerId: string,
    orderId: string,
    template: TemplateName,
    content: (name: string) => MailContent,
  ): Promise<void> {
    const recipient = await this.repository.findRecipient(context.tx, customerId);
    // Thrown, not skipped: the core retries with backoff until user.registered has arrived.
    if (recipient === undefined) throw new RecipientNotKnownError(customerId);
    await this.delivery.deliver(context, {
      eventId,
      to: recipient.email,
      template,
      content: content(recipient.name),
      orderId,
      userId: customerId,
    });
  }
}
