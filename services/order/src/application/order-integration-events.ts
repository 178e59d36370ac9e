import { OrderCancelled, OrderConfirmed, OrderPlaced } from '@eventmart/contracts';
import type { EventContext, EventPublisher } from '@eventmart/eventing';
import type { OrderEvent, OrderState } from '../domain/index.js';

/**
 * Publishes what other services must learn from the events just recorded, into the
 * command's transaction, caused by what caused the command. Stock, payment and shipping facts came from those services, so only
 * placement, confirmation and cancellation go out.
 */
export async function publishIntegrationEvents(
  publisher: EventPublisher,
  context: EventContext,
  order: OrderState,
  events: readonly OrderEvent[],
  paymentToken: string | undefined,
): Promise<void> {
  const { id: orderId, customerId, total, currency } = order;
  const options = { subject: orderId, context };
  for (const event of events) {
    switch (event.type) {
      case 'OrderPlaced': {
        // The token is passed on to payment, never stored in the order's stream.
        if (paymentToken === undefined) throw new Error('order.placed needs the payment token');
        const lines = event.data.lines.map((line) => ({ ...line }));
        await publisher.publish(
          OrderPlaced,
          { orderId, customerId, lines, total, currency, paymentToken },
          options,
        );
        break;
      }
      case 'OrderConfirmed':
        await publisher.publish(OrderConfirmed, { orderId, customerId, total, currency }, options);
        break;
      case 'OrderCancelled': {
        const { reason, detail, wasPaid } = event.data;
        await publisher.publish(
          OrderCancelled,
          { orderId, customerId, reason, wasPaid, ...(detail === null ? {} : { detail }) },
          options,
        );
        break;
      }
      default:
        break;
    }
  }
}
