import type { OrderEvent } from './order.events.js';
import { cancelled } from './order.outcomes.js';
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
 * The reservation's expiry, inventory's timer, fell due before inventory saw the order
 * confirmed or cancelled. The timer only reports; the order decides, on what it has recorded,
 * not on what inventory has handled (inventory may be far behind on order.confirmed). An
 * unpaid order is cancelled (PAYMENT_TIMEOUT), and its cancellation releases the stock the
 * usual way. A paid order keeps its stock and goes on to be shipped: a reservation timer never
 * cancels it. Confirmed, shipped or cancelled orders ignore it, as a duplicate does.
 */
export function reservationExpired(state: OrderState, afterMs: number): OrderEvent[] {
  if (state.status !== 'PLACED' && state.status !== 'STOCK_RESERVED') return [];
  if (isPaid(state)) return [];
  const detail = `no payment while the stock was held for ${formatDuration(afterMs)}`;
  return [cancelled(state, 'PAYMENT_TIMEOUT', detail)];
}
