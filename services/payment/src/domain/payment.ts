/**
 * The payment of one order. A charge needs two facts that arrive on different topics, in
 * either order: the order's details (order.placed: amount, currency, card token) and the
 * go-ahead (stock.reserved). Whichever comes last makes the charge owed (CHARGING), unless the
 * order was cancelled first. The provider is called later, outside any handler's transaction
 * (see ProviderCalls); its answer decides SUCCEEDED, DECLINED or TIMED_OUT. A cancellation
 * makes a refund owed (REFUNDING) until the provider confirms it (REFUNDED). Every change
 * happens at most once, so duplicates find nothing to do.
 */
export type PaymentStatus =
  | 'PENDING'
  | 'CHARGING'
  | 'SUCCEEDED'
  | 'DECLINED'
  | 'TIMED_OUT'
  | 'REFUNDING'
  | 'REFUNDED'
  | 'CANCELLED_BEFORE_CHARGE';

/** The event that made a provider call owed: its outcome event joins that saga. */
export interface CallCause {
  readonly causationId: string | null;
  readonly correlationId: string | null;
  readonly traceparent: string | null;
}

/** A provider call the payment owes (a charge while CHARGING, a refund while REFUNDING). */
export interface OwedCall {
  /** When it may be made next. */
  readonly dueAt: Date;
  /** Tries that got no usable answer so far. */
  readonly attempts: number;
  readonly lastError: string | null;
  /**
   * A charge made for it got no answer in time. Its outcome is unknown (the provider may
   * complete it later), so it is looked up; if nothing was charged, the payment is TIMED_OUT.
   */
  readonly timedOut: boolean;
  readonly cause: CallCause;
}

export interface Payment {
  readonly orderId: string;
  readonly status: PaymentStatus;
  readonly amount: number | null;
  readonly currency: string | null;
  /** Kept only while a charge may still be made. */
  readonly token: string | null;
  readonly stockReserved: boolean;
  readonly paymentId: string | null;
  readonly providerReason: string | null;
  readonly chargedAt: Date | null;
  readonly refundedAt: Date | null;
  /** Cancelled while its charge was being made: a successful charge is refunded. */
  readonly cancelRequested: boolean;
  /** Set exactly while CHARGING or REFUNDING. */
  readonly owedCall: OwedCall | null;
}

export interface OrderDetails {
  readonly amount: number;
  readonly currency: string;
  readonly token: string;
}

export interface DueCharge {
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly token: string;
}

export type ChargeOutcome =
  | { readonly kind: 'succeeded'; readonly paymentId: string }
  | { readonly kind: 'declined'; readonly reason: string }
  | { readonly kind: 'timed-out'; readonly afterMs: number };

/** What a refund owes: a succeeded charge's id, amount and currency. */
export interface DueRefund {
  readonly orderId: string;
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: string;
}

export function newPayment(orderId: string): Payment {
  return {
    orderId,
    status: 'PENDING',
    amount: null,
    currency: null,
    token: null,
    stockReserved: false,
    paymentId: null,
    providerReason: null,
    chargedAt: null,
    refundedAt: null,
    cancelRequested: false,
    owedCall: null,
  };
}

function owe(cause: CallCause, at: Date): OwedCall {
  return { dueAt: at, attempts: 0, lastError: null, timedOut: false, cause };
}

/** Records the order's details once; the token only if a charge may still be made. */
export function withOrderDetails(payment: Payment, details: OrderDetails): Payment | undefined {
  if (payment.amount !== null) return undefined;
  const { amount, currency, token } = details;
  return { ...payment, amount, currency, token: payment.status === 'PENDING' ? token : null };
}

/** Records the go-ahead once. */
export function withStockReserved(payment: Payment): Payment | undefined {
  return payment.stockReserved ? undefined : { ...payment, stockReserved: true };
}

/** The charge to make now, if both facts are known and nothing was decided yet. */
export function dueCharge(payment: Payment): DueCharge | undefined {
  const { orderId, status, amount, currency, token, stockReserved } = payment;
  if (status !== 'PENDING' || !stockReserved) return undefined;
  if (amount === null || currency === null || token === null) return undefined;
  return { orderId, amount, currency, token };
}

/** Makes the charge owed if it is due now; the payment as given otherwise. */
export function startChargeIfDue(payment: Payment, cause: CallCause, at: Date): Payment {
  if (dueCharge(payment) === undefined) return payment;
  return { ...payment, status: 'CHARGING', owedCall: owe(cause, at) };
}

/** The charge a CHARGING payment owes. */
export function owedCharge(payment: Payment): DueCharge | undefined {
  const { orderId, status, amount, currency, token } = payment;
  if (status !== 'CHARGING' || amount === null || currency === null || token === null)
    return undefined;
  return { orderId, amount, currency, token };
}

/** The refund a REFUNDING payment owes. */
export function owedRefund(payment: Payment): DueRefund | undefined {
  const { orderId, status, paymentId, amount, currency } = payment;
  if (status !== 'REFUNDING' || paymentId === null || amount === null || currency === null)
    return undefined;
  return { orderId, paymentId, amount, currency };
}

/**
 * The provider's answer to the owed charge. A success for an order cancelled meanwhile makes
 * its refund owed at once.
 */
export function afterCharge(payment: Payment, outcome: ChargeOutcome, at: Date): Payment {
  const decided = { ...payment, token: null, owedCall: null };
  switch (outcome.kind) {
    case 'succeeded':
      if (payment.cancelRequested) {
        const cause = payment.owedCall?.cause ?? NO_CAUSE;
        return {
          ...decided,
          status: 'REFUNDING',
          paymentId: outcome.paymentId,
          chargedAt: at,
          owedCall: owe(cause, at),
        };
      }
      return { ...decided, status: 'SUCCEEDED', paymentId: outcome.paymentId, chargedAt: at };
    case 'declined':
      return { ...decided, status: 'DECLINED', providerReason: outcome.reason };
    case 'timed-out':
      return {
        ...decided,
        status: 'TIMED_OUT',
        providerReason: `no answer within ${String(outcome.afterMs)} ms`,
      };
  }
}

const NO_CAUSE: CallCause = { causationId: null, correlationId: null, traceparent: null };

/**
 * What order.cancelled does, whatever the event's `wasPaid` says (a charge may succeed while
 * the customer cancels): a captured payment's refund becomes owed; a payment not yet charged
 * never will be; one being charged is refunded if the charge succeeds; otherwise (declined,
 * timed out, refunding, refunded, cancelled) nothing. Undefined when nothing changes.
 */
export function cancellation(payment: Payment, cause: CallCause, at: Date): Payment | undefined {
  switch (payment.status) {
    case 'SUCCEEDED':
      return { ...payment, status: 'REFUNDING', owedCall: owe(cause, at) };
    case 'PENDING':
      return { ...payment, status: 'CANCELLED_BEFORE_CHARGE', token: null };
    case 'CHARGING':
      return payment.cancelRequested ? undefined : { ...payment, cancelRequested: true };
    default:
      return undefined;
  }
}

/**
 * Whether a call made before this one may have reached the provider, for a payment as its
 * poller claimed it (the claim counts the try it is about to make). Then whatever is decided
 * next waits for the provider's answer to a lookup: that call may have charged.
 */
export function calledBefore(claimed: Payment): boolean {
  return (claimed.owedCall?.attempts ?? 0) > 1;
}

/**
 * The charge of an order cancelled meanwhile is dropped: no call for it charged anything (none
 * was made, or the provider's lookup found none), so none will be made. Undefined unless the
 * payment is CHARGING for a cancelled order.
 */
export function droppedCharge(payment: Payment): Payment | undefined {
  if (payment.status !== 'CHARGING' || !payment.cancelRequested) return undefined;
  return { ...payment, status: 'CANCELLED_BEFORE_CHARGE', token: null, owedCall: null };
}

/** The provider confirmed the owed refund. */
export function afterRefund(payment: Payment, at: Date): Payment {
  return { ...payment, status: 'REFUNDED', refundedAt: at, owedCall: null };
}

/**
 * A try of the owed call got no usable answer: try again at `retryAt`. Every claim counts a
 * try before the call is made (a call may reach the provider and the process die before its
 * answer is recorded); a try that was not made after all (the provider's circuit is open) is
 * taken back. `timedOut`: the try was a charge that got no answer in time.
 */
export function callFailed(
  payment: Payment,
  error: string,
  retryAt: Date,
  made = true,
  timedOut = false,
): Payment {
  const call = payment.owedCall;
  if (call === null) return payment;
  const attempts = made ? call.attempts : Math.max(0, call.attempts - 1);
  return {
    ...payment,
    owedCall: {
      ...call,
      dueAt: retryAt,
      attempts,
      lastError: error,
      timedOut: call.timedOut || timedOut,
    },
  };
}

/** A call is about to be made: counted now, so a crash during it still counts as a try. */
export function callStarted(payment: Payment, leaseUntil: Date): Payment {
  const call = payment.owedCall;
  if (call === null) return payment;
  return { ...payment, owedCall: { ...call, dueAt: leaseUntil, attempts: call.attempts + 1 } };
}
