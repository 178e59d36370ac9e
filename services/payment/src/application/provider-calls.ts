import { PaymentFailed, PaymentRefunded, PaymentSucceeded } from '@eventmart/contracts';
import {
  backoffDelay,
  EventPublisher,
  retryLaterDelay,
  type EventContext,
} from '@eventmart/eventing';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  afterCharge,
  afterRefund,
  calledBefore,
  callFailed,
  droppedCharge,
  owedCharge,
  owedRefund,
  type ChargeOutcome,
  type DueCharge,
  type Payment,
} from '../domain/payment.js';
import { GuardedPaymentProvider } from './guarded-payment-provider.js';
import { PAYMENT_SETTINGS, type PaymentSettings } from './payment-settings.js';
import { PaymentStore } from './payment-store.port.js';

/**
 * Added to the provider calls' time: how long a claimed call is left to the poller that claimed
 * it. A try makes at most two calls (a lookup, then the charge), each within the timeout.
 */
const LEASE_MARGIN_MS = 5_000;
/** Calls made at once by one poller. */
const BATCH = 16;

/**
 * Makes the provider calls payments owe, with no transaction open: the handlers only record
 * that a charge or refund is owed (and with what cause); this makes the call, within the
 * timeout and behind the circuit breaker, then records the answer and publishes the outcome in
 * one short transaction. A charge whose outcome is unknown (it threw, got no answer in time,
 * or its process died before recording the answer) is looked up at the provider by its
 * idempotency key before anything else is decided: a charge the provider completes late is
 * recorded (and refunded if the order was cancelled meanwhile), never reported as failed.
 * While the provider's circuit is open, owed calls wait for it.
 */
@Injectable()
export class ProviderCalls {
  private readonly logger = new Logger('payment');

  constructor(
    private readonly store: PaymentStore,
    private readonly provider: GuardedPaymentProvider,
    private readonly publisher: EventPublisher,
    @Inject(PAYMENT_SETTINGS) private readonly settings: PaymentSettings,
  ) {}

  /** Makes the calls due by `now`; answers how many were tried. */
  async runDue(now = new Date()): Promise<number> {
    const lease = new Date(now.getTime() + 2 * this.settings.timeoutMs + LEASE_MARGIN_MS);
    const claimed = await this.store.claimDueCalls(now, lease, BATCH);
    await Promise.all(claimed.map((payment) => this.call(payment)));
    return claimed.length;
  }

  /** When the next owed call is due, if any. */
  nextDueAt(): Promise<Date | undefined> {
    return this.store.nextCallDueAt();
  }

  private async call(payment: Payment): Promise<void> {
    try {
      if (payment.status === 'CHARGING') await this.charge(payment);
      else if (payment.status === 'REFUNDING') await this.refund(payment);
    } catch (error) {
      await this.failed(payment, error);
    }
  }

  /**
   * The owed charge. If an earlier call for it may have reached the provider, its outcome is
   * looked up first: found, it is recorded; not found, the order cancelled meanwhile needs no
   * charge, a charge that timed out is TIMED_OUT, and otherwise the charge is made again.
   */
  private async charge(payment: Payment): Promise<void> {
    const due = owedCharge(payment);
    if (due === undefined) return;
    if (calledBefore(payment)) {
      const found = await this.lookUp(due.orderId);
      if (found !== undefined) return this.recordCharge(payment, due, found);
      if (payment.owedCall?.timedOut === true) {
        return this.recordCharge(payment, due, {
          kind: 'timed-out',
          afterMs: this.settings.timeoutMs,
        });
      }
    }
    if (payment.cancelRequested) {
      // Cancelled, and no call for it charged anything: no call now either.
      return this.record(payment, 'CHARGING', (current) =>
        Promise.resolve(droppedCharge(current) ?? current),
      );
    }
    const { orderId, amount, currency, token } = due;
    // Throws RetryLaterError without calling while the provider's circuit is open.
    const answer = await this.provider.charge({ idempotencyKey: orderId, amount, currency, token });
    if (answer.timedOut) {
      // The provider may still complete it: looked up on the next try, never given up blind.
      const error = new Error(`charge: no answer within ${String(answer.afterMs)} ms`);
      return this.failed(payment, error, true);
    }
    await this.recordCharge(payment, due, outcomeOf(answer.value));
  }

  /**
   * The provider's answer to a lookup of the order's charge: its outcome, or undefined when
   * nothing was charged (and nothing is being charged). Throws while it cannot tell yet.
   */
  private async lookUp(orderId: string): Promise<ChargeOutcome | undefined> {
    const answer = await this.provider.lookUpCharge(orderId);
    if (answer.timedOut) {
      throw new Error(`lookup of the charge: no answer within ${String(answer.afterMs)} ms`);
    }
    const found = answer.value;
    if (found.status === 'pending') {
      throw new Error('the provider is still processing the charge');
    }
    return found.status === 'none' ? undefined : outcomeOf(found);
  }

  private async recordCharge(
    payment: Payment,
    due: DueCharge,
    outcome: ChargeOutcome,
  ): Promise<void> {
    const { orderId, amount, currency } = due;
    await this.record(payment, 'CHARGING', async (current, context) => {
      const subject = { subject: orderId, context };
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
      const after = afterCharge(current, outcome, new Date());
      if (after.status === 'REFUNDING') {
        this.logger.log(`order ${orderId} was cancelled while being charged: refunding`);
      }
      return after;
    });
  }

  private async refund(payment: Payment): Promise<void> {
    const due = owedRefund(payment);
    if (due === undefined) return;
    const { orderId, paymentId, amount, currency } = due;
    const answer = await this.provider.refund({
      idempotencyKey: `refund:${orderId}`,
      paymentId,
      amount,
    });
    // Unlike a charge, a refund is owed whatever happens: no answer means try again, never
    // give up (the wait grows to callBackoff.maxMs; each failure is logged).
    if (answer.timedOut) {
      throw new Error(`refund of ${orderId}: no answer within ${String(answer.afterMs)} ms`);
    }
    await this.record(payment, 'REFUNDING', async (current, context) => {
      await this.publisher.publish(
        PaymentRefunded,
        { orderId, paymentId, amount, currency },
        { subject: orderId, context },
      );
      return afterRefund(current, new Date());
    });
  }

  /**
   * Records an answer in one transaction, with the cause the call was owed for, unless another
   * poller recorded it first (the payment is no longer in the state the call was made for).
   */
  private async record(
    claimed: Payment,
    status: Payment['status'],
    apply: (current: Payment, context: EventContext) => Promise<Payment>,
  ): Promise<void> {
    const cause = claimed.owedCall?.cause;
    await this.publisher.unitOfWork(
      async (tx, context) => {
        const current = await this.store.lockExisting(tx, claimed.orderId);
        if (current?.status !== status) return;
        await this.store.save(tx, await apply(current, context));
      },
      {
        ...(cause?.correlationId == null ? {} : { correlationId: cause.correlationId }),
        ...(cause?.traceparent == null ? {} : { traceparent: cause.traceparent }),
        ...(cause?.causationId == null ? {} : { causationId: cause.causationId }),
      },
    );
  }

  /** No usable answer: the call stays owed, tried again after a wait. */
  private async failed(payment: Payment, error: unknown, timedOut = false): Promise<void> {
    // The claim counted this try already.
    const attempts = payment.owedCall?.attempts ?? 1;
    const waitMs = retryLaterDelay(error) ?? backoffDelay(attempts, this.settings.callBackoff);
    const message = error instanceof Error ? error.message : String(error);
    const made = retryLaterDelay(error) === undefined;
    if (made) {
      this.logger.warn(
        `${payment.status === 'CHARGING' ? 'charge' : 'refund'} of ${payment.orderId} failed ` +
          `(try ${String(attempts)}): ${message}; trying again in ${String(waitMs)} ms`,
      );
    }
    try {
      await this.publisher.unitOfWork(async (tx) => {
        const current = await this.store.lockExisting(tx, payment.orderId);
        if (current?.status !== payment.status) return;
        const retryAt = new Date(Date.now() + waitMs);
        await this.store.save(tx, callFailed(current, message, retryAt, made, timedOut));
      });
    } catch (recordError) {
      // The lease runs out and the call is tried again anyway.
      this.logger.warn(
        `could not record the failed call for ${payment.orderId}: ${String(recordError)}`,
      );
    }
  }
}

function outcomeOf(
  answer: { status: 'succeeded'; paymentId: string } | { status: 'declined'; reason: string },
): ChargeOutcome {
  return answer.status === 'succeeded'
    ? { kind: 'succeeded', paymentId: answer.paymentId }
    : { kind: 'declined', reason: answer.reason };
}
