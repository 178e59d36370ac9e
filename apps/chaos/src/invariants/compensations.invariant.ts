import type { Books } from '../books/books.js';
import { tally, Verdict, type InvariantResult } from './invariant.js';

/**
 * Each compensation applied at most once: an order's stock released at most once
 * (stock.released from inventory, and its reservation lines RELEASED only if the order is
 * cancelled, never left RESERVED then), at most one refund per charge (the provider's ledger
 * and payment.refunded).
 */
export function compensationsOnce(books: Books): InvariantResult {
  const verdict = new Verdict('compensations at most once (stock release, refund)');
  const byType = (type: string) =>
    tally(
      books.events.filter((event) => event.type === type),
      (event) => event.key,
    );
  const released = byType('stock.released');
  const refunded = byType('payment.refunded');
  const status = new Map(books.orders.map((order) => [order.id, order.status]));
  for (const [order, times] of released) {
    verdict.count('stock releases');
    verdict.expect(times === 1, () => `order ${order}: stock released ${String(times)} times`);
  }
  for (const [order, times] of refunded) {
    verdict.count('refunds');
    verdict.expect(
      times === 1,
      () => `order ${order}: payment.refunded published ${String(times)} times`,
    );
  }
  for (const [order, money] of books.money) {
    verdict.expect(
      money.refunds <= 1,
      () => `order ${order}: ${String(money.refunds)} refunds of one charge`,
    );
  }
  for (const line of books.reservations) {
    const cancelled = status.get(line.orderId) === 'CANCELLED';
    if (line.status === 'RELEASED') {
      verdict.count('reservation lines released');
      verdict.expect(
        cancelled,
        () => `order ${line.orderId}: ${line.sku} released, order not cancelled`,
      );
    } else {
      verdict.expect(
        !cancelled,
        () => `order ${line.orderId} is cancelled, ${line.sku} still ${line.status}`,
      );
    }
  }
  return verdict.result();
}
