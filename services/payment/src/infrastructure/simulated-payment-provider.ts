import { randomUUID } from 'node:crypto';
import {
  PaymentProvider,
  type ChargeRequest,
  type ChargeResult,
  type RefundRequest,
  type RefundResult,
} from '../application/payment-provider.port.js';

/** Card tokens with a fixed behaviour, in the manner of public payment APIs' test cards. */
export const TEST_TOKENS = {
  /** Charged. */
  succeeds: 'tok_visa',
  /** Declined with reason `card_declined`. */
  declined: 'tok_chargeDeclined',
  /** Never answers: the caller's timeout decides. Nothing is charged. */
  hangs: 'tok_timeout',
} as const;

export interface LedgerEntry {
  readonly kind: 'charge' | 'refund';
  readonly idempotencyKey: string;
  /** The charge's payment id (for a refund: the payment refunded). */
  readonly paymentId: string;
  readonly refundId?: string;
  readonly amount: number;
  readonly currency: string;
}

interface Remembered<T> {
  readonly request: string;
  readonly answer: Promise<T>;
}

/**
 * A payment provider in memory that moves simulated money by test token; any other token is
 * declined as `invalid_token`. Like a real provider it remembers each idempotency key: the same
 * key answers the same result without charging again, and reusing a key for another request
 * fails. Its ledger records money actually moved, for tests to count.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  private readonly charges = new Map<string, Remembered<ChargeResult>>();
  private readonly refunds = new Map<string, Remembered<RefundResult>>();
  private readonly entries: LedgerEntry[] = [];
  private readonly calls = new Map<string, number>();

  charge(request: ChargeRequest): Promise<ChargeResult> {
    const { idempotencyKey, amount, currency, token } = request;
    this.calls.set(idempotencyKey, this.callsFor(idempotencyKey) + 1);
    return this.once(this.charges, idempotencyKey, `${String(amount)} ${currency} ${token}`, () => {
      if (!Number.isInteger(amount) || amount < 0 || !/^[A-Z]{3}$/.test(currency)) {
        return Promise.reject(new Error(`invalid charge: ${String(amount)} ${currency}`));
      }
      switch (token) {
        case TEST_TOKENS.succeeds: {
          const paymentId = `pay_${randomUUID()}`;
          this.entries.push({ kind: 'charge', idempotencyKey, paymentId, amount, currency });
          return Promise.resolve({ status: 'succeeded', paymentId });
        }
        case TEST_TOKENS.declined:
          return Promise.resolve({ status: 'declined', reason: 'card_declined' });
        case TEST_TOKENS.hangs:
          return new Promise<never>(() => undefined);
        default:
          return Promise.resolve({ status: 'declined', reason: 'invalid_token' });
      }
    });
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    const { idempotencyKey, paymentId, amount } = request;
    return this.once(this.refunds, idempotencyKey, `${paymentId} ${String(amount)}`, () => {
      const charge = this.entries.find((e) => e.kind === 'charge' && e.paymentId === paymentId);
      if (charge === undefined) return Promise.reject(new Error(`unknown payment ${paymentId}`));
      const left = charge.amount - this.sum('refund', paymentId);
      if (!Number.isInteger(amount) || amount <= 0 || amount > left) {
        return Promise.reject(
          new Error(`cannot refund ${String(amount)} of ${paymentId}: ${String(left)} left`),
        );
      }
      const refundId = `re_${randomUUID()}`;
      const { currency } = charge;
      this.entries.push({ kind: 'refund', idempotencyKey, paymentId, refundId, amount, currency });
      return Promise.resolve({ refundId });
    });
  }

  /** Money actually moved, in order. */
  ledger(): readonly LedgerEntry[] {
    return [...this.entries];
  }

  /** Counts and sums (minor units, all currencies together) of what was charged and refunded. */
  totals(): { charges: number; charged: number; refunds: number; refunded: number } {
    const of = (kind: LedgerEntry['kind']): LedgerEntry[] =>
      this.entries.filter((entry) => entry.kind === kind);
    return {
      charges: of('charge').length,
      charged: this.sum('charge'),
      refunds: of('refund').length,
      refunded: this.sum('refund'),
    };
  }

  /** How often `charge` was called with this key, answered from memory or not. */
  callsFor(idempotencyKey: string): number {
    return this.calls.get(idempotencyKey) ?? 0;
  }

  private sum(kind: LedgerEntry['kind'], paymentId?: string): number {
    return this.entries
      .filter(
        (entry) =>
          entry.kind === kind && (paymentId === undefined || entry.paymentId === paymentId),
      )
      .reduce((total, entry) => total + entry.amount, 0);
  }

  /** Answers a key's first answer again; a failed request is forgotten, so it can be retried. */
  private once<T>(
    memory: Map<string, Remembered<T>>,
    key: string,
    request: string,
    perform: () => Promise<T>,
  ): Promise<T> {
    const remembered = memory.get(key);
    if (remembered !== undefined) {
      if (remembered.request === request) return remembered.answer;
      return Promise.reject(new Error(`idempotency key ${key} was used for another request`));
    }
    const answer = perform();
    memory.set(key, { request, answer });
    answer.catch(() => memory.delete(key));
    return answer;
  }
}
