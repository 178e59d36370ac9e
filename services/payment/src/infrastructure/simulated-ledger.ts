/** One final answer of the simulated provider, kept under its idempotency key. */
export interface RecordedAnswer {
  readonly idempotencyKey: string;
  readonly kind: 'charge' | 'refund';
  /** The request the key was first used for: the same key for another request is refused. */
  readonly request: string;
  /** Refunds always succeed once admitted; a charge may be declined (nothing moved). */
  readonly outcome: 'succeeded' | 'declined';
  /** A succeeded charge's payment id; for a refund, the payment it refunds. */
  readonly paymentId: string | null;
  readonly refundId: string | null;
  /** Why a charge was declined. */
  readonly reason: string | null;
  readonly amount: number;
  readonly currency: string;
}

/** A succeeded charge and what was refunded of it so far. */
export interface ChargeBalance {
  readonly charge: RecordedAnswer;
  readonly refunded: number;
}

/**
 * Where the simulator keeps its answers. Each method is atomic, also between processes
 * sharing a durable store: for one key the first record wins and every caller gets it back.
 */
export interface SimulatedLedgerStore {
  /** The answer recorded under the key, if any. */
  find(idempotencyKey: string): Promise<RecordedAnswer | undefined>;

  /** Records the answer unless its key has one; answers the one recorded. */
  record(answer: RecordedAnswer): Promise<RecordedAnswer>;

  /**
   * Records a refund of `paymentId` unless its key has an answer (then answers that). The
   * refund is made by `decide` from the charge's balance (undefined for an unknown payment),
   * with no other refund of the payment in between; `decide` throws to refuse it.
   */
  recordRefund(
    idempotencyKey: string,
    paymentId: string,
    decide: (balance: ChargeBalance | undefined) => RecordedAnswer,
  ): Promise<RecordedAnswer>;
}

/** The default store: a map, gone with the process. */
export class InMemorySimulatedLedger implements SimulatedLedgerStore {
  private readonly answers = new Map<string, RecordedAnswer>();

  find(idempotencyKey: string): Promise<RecordedAnswer | undefined> {
    return Promise.resolve(this.answers.get(idempotencyKey));
  }

  record(answer: RecordedAnswer): Promise<RecordedAnswer> {
    const existing = this.answers.get(answer.idempotencyKey);
    if (existing !== undefined) return Promise.resolve(existing);
    this.answers.set(answer.idempotencyKey, answer);
    return Promise.resolve(answer);
  }

  recordRefund(
    idempotencyKey: string,
    paymentId: string,
    decide: (balance: ChargeBalance | undefined) => RecordedAnswer,
  ): Promise<RecordedAnswer> {
    const existing = this.answers.get(idempotencyKey);
    if (existing !== undefined) return Promise.resolve(existing);
    try {
      return this.record(decide(this.balanceOf(paymentId)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private balanceOf(paymentId: string): ChargeBalance | undefined {
    const all = [...this.answers.values()].filter((a) => a.paymentId === paymentId);
    const charge = all.find((a) => a.kind === 'charge');
    if (charge === undefined) return undefined;
    const refunded = all
      .filter((a) => a.kind === 'refund')
      .reduce((total, a) => total + a.amount, 0);
    return { charge, refunded };
  }
}
