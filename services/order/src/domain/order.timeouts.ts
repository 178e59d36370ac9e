import type { OrderEvent } from './order.events.js';
import { cancelled, conflict } from './order.outcomes.js';
import { isPaid, type OrderState } from './order.state.js';

/** `30 s`, `1.5 s`, `800 ms`: a timeout as a customer reads it. */
export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${String(ms)} ms` : `${String(Math.round(ms / 100) / 10)} s`;
}

/**
 * The payment deadline fell due. An order nobody paid for is cancelled (PAYMENT_TIMEOUT),
 * which releases its stock and refunds a charge that lands later. A payment already recorded
 * (its confirmation waits only for the reservation report) or an order past that point, or
 * cancelled, ignores it: the timer is cancelled on confirmation and cancellation, but may have
 * fired just before.
 */
export function paymentDeadlinePassed(state: OrderState, afterMs: number): OrderEvent[] {
  if (state.status !== 'PLACED' && state.status !== 'STOCK_RESERVED') return [];
  if (isPaid(state)) return [];
  const detail = `no payment within ${formatDuration(afterMs)} of placing the order`;
  return [cancelled(state, 'PAYMENT_TIMEOUT', detail)];
}

/**
 * Inventory released the stock because the reservation expired: it saw neither a
 * confirmation nor a cancellation in time (the order service was down, or far behind). The
 * order cannot be fulfilled without its stock, so it is cancelled until it ships: unpaid, as
 * a payment timeout; paid (inventory had not heard of the confirmation yet), as out of stock,
 * with wasPaid so that payment refunds. A shipped order contradicts the release: an operator
 * must look at it.
 */
export function reservationExpired(state: OrderState): OrderEvent[] {
  if (state.status === 'CANCELLED') return [];
  if (state.status === 'SHIPPED') {
    throw conflict(state, 'inventory released its stock after the reservation expired');
  }
  return isPaid(state)
    ? [cancelled(state, 'OUT_OF_STOCK', 'the stock reservation expired before confirmation')]
    : [cancelled(state, 'PAYMENT_TIMEOUT', 'the stock reservation expired before payment')];
}
