/**
 * The payment of one order. A charge needs two facts that arrive on different topics, in
 * either order: the order's details (order.placed: amount, currency, card token) and the
 * go-ahead (stock.reserved). Whichever comes last triggers the charge, unless the order was
 * cancelled first. Every change happens at most once, so duplicates find nothing to do.
 */
export type PaymentStatus =
  'PENDING' | 'SUCCEEDED' | 'DECLINED' | 'TIMED_OUT' | 'REFUNDED' | 'CANCELLED_BEFORE_CHARGE';

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

export type Cancellation =
  | {
      readonly action: 'refund';
      readonly paymentId: string;
      readonly amount: number;
      readonly currency: string;
    }
  | { readonly action: 'mark-cancelled'; readonly payment: Payment };

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
  };
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

export function afterCharge(payment: Payment, outcome: ChargeOutcome, at: Date): Payment {
  const decided = { ...payment, token: null };
  switch (outcome.kind) {
    case 'succeeded':
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

/**
 * What order.cancelled does: refund a captured payment, whatever the event's `wasPaid` says
 * (a charge may succeed while the customer cancels); make sure a payment not yet charged never
 * will be; otherwise (declined, timed out, refunded, cancelled) nothing.
 */
export function cancellation(payment: Payment): Cancellation | undefined {
  const { status, paymentId, amount, currency } = payment;
  if (status === 'SUCCEEDED' && paymentId !== null && amount !== null && currency !== null) {
    return { action: 'refund', paymentId, amount, currency };
  }
  if (status === 'PENDING') {
    return {
      action: 'mark-cancelled',
      payment: { ...payment, status: 'CANCELLED_BEFORE_CHARGE', token: null },
    };
  }
  return undefined;
}

export function afterRefund(payment: Payment, at: Date): Payment {
  return { ...payment, status: 'REFUNDED', refundedAt: at };
}
