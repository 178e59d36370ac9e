import { OrderCancelled, PaymentRefunded, type EventOf } from '@eventmart/contracts';
import { EventPublisher, type HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { afterRefund, cancellation } from '../domain/payment.js';
import { GuardedPaymentProvider } from './guarded-payment-provider.js';
import { PaymentStore } from './payment-store.port.js';

/** order.cancelled: refund what was charged; make sure what was not never will be. */
@Injectable()
export class RefundOnOrderCancelled {
  constructor(
    private readonly store: PaymentStore,
    private readonly provider: GuardedPaymentProvider,
    private readonly publisher: EventPublisher,
  ) {}

  @OnEvent(OrderCancelled, { name: 'refund' })
  async handle(event: EventOf<typeof OrderCancelled>, { tx }: HandlerContext): Promise<void> {
    const { orderId } = event.data;
    const payment = await this.store.lock(tx, orderId);
    const decision = cancellation(payment);
    if (decision === undefined) return;
    if (decision.action === 'mark-cancelled') {
      await this.store.save(tx, decision.payment);
      return;
    }
    const { paymentId, amount, currency } = decision;
    const answer = await this.provider.refund({
      idempotencyKey: `refund:${orderId}`,
      paymentId,
      amount,
    });
    // Unlike a charge, a refund is owed whatever happens: no answer means try again (the
    // handler is retried, then dead-lettered for an operator), never give up.
    if (answer.timedOut) {
      throw new Error(`refund of ${orderId}: no answer within ${String(answer.afterMs)} ms`);
    }
    await this.store.save(tx, afterRefund(payment, new Date()));
    await this.publisher.publish(
      PaymentRefunded,
      { orderId, paymentId, amount, currency },
      { subject: orderId },
    );
  }
}
