import { PaymentFailed, PaymentSucceeded } from '@eventmart/contracts';
import { EventPublisher } from '@eventmart/eventing';
import { Inject, Injectable } from '@nestjs/common';
import { afterCharge, dueCharge, type ChargeOutcome, type Payment } from '../domain/payment.js';
import { PaymentProvider } from './payment-provider.port.js';
import { PAYMENT_SETTINGS, type PaymentSettings } from './payment-settings.js';
import { withTimeout } from './with-timeout.js';

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
    private readonly provider: PaymentProvider,
    private readonly publisher: EventPublisher,
    @Inject(PAYMENT_SETTINGS) private readonly settings: PaymentSettings,
  ) {}

  /** The payment after the charge, or as given when no charge is due. */
  async ifDue(payment: Payment): Promise<Payment> {
    const due = dueCharge(payment);
    if (due === undefined) return payment;
    const { orderId, amount, currency, token } = due;
    const answer = await withTimeout(
      this.provider.charge({ idempotencyKey: orderId, amount, currency, token }),
      this.settings.timeoutMs,
    );
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
