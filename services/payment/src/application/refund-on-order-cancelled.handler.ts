import { OrderCancelled, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { cancellation } from '../domain/payment.js';
import { callCause } from './call-cause.js';
import { PaymentStore } from './payment-store.port.js';

/**
 * order.cancelled: a captured payment's refund becomes owed (ProviderCalls makes it); one not
 * charged yet never will be; one being charged is refunded if the charge succeeds.
 */
@Injectable()
export class RefundOnOrderCancelled {
  constructor(private readonly store: PaymentStore) {}

  @OnEvent(OrderCancelled, { name: 'refund' })
  async handle(event: EventOf<typeof OrderCancelled>, { tx }: HandlerContext): Promise<void> {
    const payment = await this.store.lock(tx, event.data.orderId);
    const next = cancellation(payment, callCause(event), new Date());
    if (next !== undefined) await this.store.save(tx, next);
  }
}
