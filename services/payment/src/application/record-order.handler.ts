import { OrderPlaced, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { startChargeIfDue, withOrderDetails } from '../domain/payment.js';
import { callCause } from './call-cause.js';
import { PaymentStore } from './payment-store.port.js';

/**
 * order.placed: keep what to charge (stock.reserved does not carry it). If the stock was
 * reserved before this arrived, the charge becomes owed now.
 */
@Injectable()
export class RecordOrderOnOrderPlaced {
  constructor(private readonly store: PaymentStore) {}

  // The name keys the inbox: pinned so that renaming the class does not replay old events.
  @OnEvent(OrderPlaced, { name: 'record-order' })
  async handle(event: EventOf<typeof OrderPlaced>, { tx }: HandlerContext): Promise<void> {
    const { orderId, total, currency, paymentToken } = event.data;
    const recorded = withOrderDetails(await this.store.lock(tx, orderId), {
      amount: total,
      currency,
      token: paymentToken,
    });
    if (recorded === undefined) return;
    await this.store.save(tx, startChargeIfDue(recorded, callCause(event), new Date()));
  }
}
