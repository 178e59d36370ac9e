import { OrderPaymentDeadlinePassed } from '@eventmart/contracts';
import { cancelTimer, scheduleTimer, type EventContext } from '@eventmart/eventing';
import { Inject, Injectable } from '@nestjs/common';
import type { OrderEvent } from '../domain/index.js';
import { ORDER_SCHEMA, ORDER_SETTINGS, type OrderSettings } from './order-settings.js';

/** The id of an order's payment deadline timer: one per order, used once. */
export const paymentDeadlineId = (orderId: string): string => `payment-deadline:${orderId}`;

/**
 * The order's payment deadline, a durable timer in the order schema: set when the order is
 * placed, cleared when it is confirmed or cancelled, in the transaction that records those
 * events. If it fires first, order.payment-deadline-passed comes back to this service
 * (OrderTimeoutHandlers), which cancels an order still unpaid.
 */
@Injectable()
export class PaymentDeadline {
  constructor(@Inject(ORDER_SETTINGS) private readonly settings: OrderSettings) {}

  /** Sets or clears the deadline as the events just recorded on the order require. */
  async follow(
    context: EventContext,
    orderId: string,
    events: readonly OrderEvent[],
    now: Date,
  ): Promise<void> {
    const { tx } = context;
    const id = paymentDeadlineId(orderId);
    for (const event of events) {
      if (event.type === 'OrderPlaced') {
        const afterMs = this.settings.paymentDeadlineMs;
        const dueAt = new Date(now.getTime() + afterMs);
        await scheduleTimer(context, ORDER_SCHEMA, {
          id,
          subject: orderId,
          dueAt,
          event: OrderPaymentDeadlinePassed,
          data: { orderId, dueAt: dueAt.toISOString(), afterMs },
        });
      } else if (event.type === 'OrderConfirmed' || event.type === 'OrderCancelled') {
        await cancelTimer(tx, ORDER_SCHEMA, id);
      }
    }
  }
}
