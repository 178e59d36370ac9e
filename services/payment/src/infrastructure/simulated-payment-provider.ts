import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@eventmart/eventing';
import {
  PaymentProvider,
  type ChargeLookup,
  type ChargeRequest,
  type ChargeResult,
  type RefundRequest,
  type RefundResult,
} from '../application/payment-provider.port.js';
import { KyselySimulatedLedger } from './kysely-simulated-ledger.js';
import {
  InMemorySimulatedLedger,
  type RecordedAnswer,
  type SimulatedLedgerStore,
} from './simulated-ledger.js';

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

export interface SimulatedPaymentProviderOptions {
  /** Where answers are kept. Default: in memory, so they are gone with the process. */
  readonly store?: SimulatedLedgerStore;
}

/**
 * A payment provider that moves simulated money by test token; any other token is declined
 * as `invalid_token`. Like a real provider it remembers each idempotency key: the same key
 * answers the same result without charging again, and reusing a key for another request
 * fails. Its ledger records money actually moved, for tests to count.
 *
 * It remembers in memory unless given a durable store: `forDatabase` keeps the answers in
 * the payment schema, so a restarted payment process (or another one) still charges an
 * order at most once.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  private readonly store: SimulatedLedgerStore;
  private readonly charges = new Map<string, Remembered<ChargeResult>>();
  private readonly refunds = new Map<string, Remembered<RefundResult>>();
  private readonly entries: LedgerEntry[] = [];
  private readonly calls = new Map<string, number>();
  /** Charges taken and not finished yet, by key: what a lookup answers `pending` for. */
  private readonly inFlight = new Map<string, number>();

  constructor(options: SimulatedPaymentProviderOptions = {}) {
    this.store = options.store ?? new InMemorySimulatedLedger();
  }

  /**
   * The simulator for a payment module on `database`: on PostgreSQL its answers are kept in
   * `<schema>.simulated_ledger` and survive restarts. PGlite is one connection that a
   * handler's open transaction holds while it charges, so there it stays in memory.
   */
  static forDatabase(database: SqlDatabase, schema = 'payment'): SimulatedPaymentProvider {
    if (database.dialect !== 'postgres') return new SimulatedPaymentProvider();
    return new SimulatedPaymentProvider({
      store: new KyselySimulatedLedger(database.db.withSchema(schema)),
    });
  }

  charge(request: ChargeRequest): Promise<ChargeResult> {
    const { idempotencyKey, amount, currency, token } = request;
    this.calls.set(idempotencyKey, this.callsFor(idempotencyKey) + 1);
    const fingerprint = `${String(amount)} ${currency} ${token}`;
    return this.once(this.charges, idempotencyKey, fingerprint, () =>
      this.processing(idempotencyKey, (drop) => this.perform(request, fingerprint, drop)),
    );
  }

  /**
   * The charge made with the key, as the port states: while a call with it is being
   * processed, `pending`; then its recorded answer, or `none` when nothing was recorded (it
   * failed, or it was a `tok_timeout` call, which is dropped unanswered and never charges).
   */
  async lookUpCharge(idempotencyKey: string): Promise<ChargeLookup> {
    if ((this.inFlight.get(idempotencyKey) ?? 0) > 0) return { status: 'pending' };
    const earlier = await this.store.find(idempotencyKey);
    if (earlier?.kind !== 'charge') return { status: 'none' };
    return chargeResult(earlier);
  }

  /** Counts a charge in flight until it settles, or until `drop` says it never will. */
  private async processing<T>(key: string, perform: (drop: () => void) => Promise<T>): Promise<T> {
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let counted = true;
    const drop = (): void => {
      if (!counted) return;
      counted = false;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
    try {
      return await perform(drop);
    } finally {
      drop();
    }
  }

  private async perform(
    request: ChargeRequest,
    fingerprint: string,
    drop: () => void,
  ): Promise<ChargeResult> {
    const { idempotencyKey, amount, currency, token } = request;
    if (!Number.isInteger(amount) || amount < 0 || !/^[A-Z]{3}$/.test(currency)) {
      throw new Error(`invalid charge: ${String(amount)} ${currency}`);
    }
    const earlier = await this.store.find(idempotencyKey);
    if (earlier !== undefined) return chargeResult(sameRequest(earlier, fingerprint));
    const answer = (outcome: Pick<RecordedAnswer, 'outcome' | 'paymentId' | 'reason'>) => ({
      idempotencyKey,
      kind: 'charge' as const,
      request: fingerprint,
      refundId: null,
      amount,
      currency,
      ...outcome,
    });
    switch (token) {
      case TEST_TOKENS.succeeds: {
        const paymentId = `pay_${randomUUID()}`;
        const recorded = await this.store.record(
          answer({ outcome: 'succeeded', paymentId, reason: null }),
        );
        if (recorded.paymentId === paymentId) {
          this.entries.push({ kind: 'charge', idempotencyKey, paymentId, amount, currency });
        }
        return chargeResult(sameRequest(recorded, fingerprint));
      }
      case TEST_TOKENS.hangs:
        // Dropped: never answered, never charged, so no longer in flight.
        drop();
        return new Promise<never>(() => undefined);
      default: {
        const reason = token === TEST_TOKENS.declined ? 'card_declined' : 'invalid_token';
        const recorded = await this.store.record(
          answer({ outcome: 'declined', paymentId: null, reason }),
        );
        return chargeResult(sameRequest(recorded, fingerprint));
      }
    }
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    const { idempotencyKey, paymentId, amount } = request;
    const fingerprint = `${paymentId} ${String(amount)}`;
    return this.once(this.refunds, idempotencyKey, fingerprint, async () => {
      const refundId = `re_${randomUUID()}`;
      const recorded = await this.store.recordRefund(idempotencyKey, paymentId, (balance) => {
        if (balance === undefined) throw new Error(`unknown payment ${paymentId}`);
        const left = balance.charge.amount - balance.refunded;
        if (!Number.isInteger(amount) || amount <= 0 || amount > left) {
          throw new Error(`cannot refund ${String(amount)} of ${paymentId}: ${String(left)} left`);
        }
        return {
          idempotencyKey,
          kind: 'refund',
          request: fingerprint,
          outcome: 'succeeded',
          paymentId,
          refundId,
          reason: null,
          amount,
          currency: balance.charge.currency,
        };
      });
      const answered = sameRequest(recorded, fingerprint);
      if (answered.refundId === refundId) {
        const { currency } = answered;
        this.entries.push({
          kind: 'refund',
          idempotencyKey,
          paymentId,
          refundId,
          amount,
          currency,
        });
      }
      return { refundId: answered.refundId ?? refundId };
    });
  }

  /** Money moved by this instance, in order (with a durable store, earlier processes' is not here). */
  ledger(): readonly LedgerEntry[] {
    return [...this.entries];
  }

  /** Counts and sums (minor units, all currencies together) of what this instance moved. */
  totals(): { charges: number; charged: number; refunds: number; refunded: number } {
    const of = (kind: LedgerEntry['kind']): LedgerEntry[] =>
      this.entries.filter((entry) => entry.kind === kind);
    const sum = (entries: LedgerEntry[]): number => entries.reduce((t, e) => t + e.amount, 0);
    return {
      charges: of('charge').length,
      charged: sum(of('charge')),
      refunds: of('refund').length,
      refunded: sum(of('refund')),
    };
  }

  /** How often `charge` was called with this key, answered from memory or not. */
  callsFor(idempotencyKey: string): number {
    return this.calls.get(idempotencyKey) ?? 0;
  }

  /**
   * Shares one answer between concurrent calls with a key; a failed request is forgotten, so
   * it can be retried. What outlives the process is the store's business.
   */
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

function sameRequest(answer: RecordedAnswer, request: string): RecordedAnswer {
  if (answer.request !== request) {
    throw new Error(`idempotency key ${answer.idempotencyKey} was used for another request`);
  }
  return answer;
}

function chargeResult(answer: RecordedAnswer): ChargeResult {
  return answer.outcome === 'succeeded' && answer.paymentId !== null
    ? { status: 'succeeded', paymentId: answer.paymentId }
    : { status: 'declined', reason: answer.reason ?? 'declined' };
}
