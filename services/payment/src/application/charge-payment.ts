import { PaymentFailed, PaymentSucceeded } from '@eventmart/contracts';
import { EventPublisher } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { afterCharge, dueCharge, type ChargeOutcome, type Payment } from '../domain/payment.js';
import { GuardedPaymentProvider } from './guarded-payment-provider.js';

/**
 * Charges a payment that is due, and publishes the outcome. Runs inside the calling handler's
 * transaction, so the provider is called before anything commits: if the transaction then
 * rolls back (the provider threw, the database failed), the handler is retried and calls the
 * provider again with the same idempotency key, the order id, which answers the first
 * charge's result instead of charging twice.
 */
@Injectable()
export class ChargePayment {
  constructor(
    private readonly provider: GuardedPaymentProvider,
    private readonly publisher: EventPublisher,
  ) {}

  /** The payment after the charge, or as given when no charge is due. */
  async ifDue(payment: Payment): Promise<Payment> {
    const due = dueCharge(payment);
    if (due === undefined) return payment;
    const { orderId, amount, currency, token } = due;
    // Throws RetryLaterError, before anything is decided, while the provider's circuit is open.
    const answer = await this.provider.charge({ idempotencyKey: orderId, amount, currency, token });
    const outcome: ChargeOutcome = answer.timedOut
      ? { kind: 'timed-out', afterMs: answer.afterMs }
      : answer.value.status === 'succeeded'
        ? { kind: 'succeeded', paymentId: answer.value.paymentId }
        : { kind: 'declined', reason: answer.value.reason };
    const subject = { subject: orderId };
    switch (outcome.kind) {
      case 'succeeded':
        await this.publisher.publish(
          PaymentSucceeded,
          { orderId, paymentId: outcome.paymentId, amount, currency },
          subject,
        );
        break;
      case 'declined':
        await this.publisher.publish(
          PaymentFailed,
          { orderId, reason: 'DECLINED', message: outcome.reason },
          subject,
        );
        break;
      case 'timed-out':
        await this.publisher.publish(
          PaymentFailed,
          {
            orderId,
            reason: 'TIMEOUT',
            message: `the payment provider did not answer within ${String(outcome.afterMs)} ms`,
          },
          subject,
        );
        break;
    }
    return afterCharge(payment, outcome, new Date());
  }
}
