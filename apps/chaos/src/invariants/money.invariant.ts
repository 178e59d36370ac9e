import type { Books } from '../books/books.js';
import { PAID_STATUSES } from '../books/orders.js';
import { tally, Verdict, type InvariantResult } from './invariant.js';

/**
 * From the payment provider's durable ledger: each order charged at most once, and what it
 * kept (charged − refunded) is its total when it is confirmed, ready or shipped, 0 when it is
 * cancelled. The payment service's record names the provider's payment.
 */
export function moneyAddsUp(books: Books): InvariantResult {
  const verdict = new Verdict('money: charged at most once; charged − refunded = total or 0');
  const succeeded = tally(
    books.events.filter((event) => event.type === 'payment.succeeded'),
    (event) => event.key,
  );
  const orders = new Set(books.orders.map((order) => order.id));
  for (const order of books.orders) {
    const charges = books.charges.get(order.id) ?? 0;
    verdict.expect(charges <= 1, () => `order ${order.id} charged ${String(charges)} times`);
    const reported = succeeded.get(order.id) ?? 0;
    verdict.expect(
      reported <= 1,
      () => `order ${order.id}: payment.succeeded published ${String(reported)} times`,
    );
    const money = books.money.get(order.id);
    const kept = money === undefined ? 0 : money.charged - money.refunded;
    if (money !== undefined) {
      verdict.count('orders charged');
      verdict.count('charged (cents)', money.charged);
      verdict.count('refunded (cents)', money.refunded);
      const recorded = books.paymentIds.get(order.id);
      verdict.expect(
        recorded === money.paymentId,
        () =>
          `order ${order.id}: the provider charged ${money.paymentId}, payment recorded ${String(recorded)}`,
      );
    }
    if (PAID_STATUSES.includes(order.status as never)) {
      verdict.expect(
        kept === order.total,
        () =>
          `order ${order.id} is ${order.status} with ${String(kept)} kept of ${String(order.total)}`,
      );
    } else if (order.status === 'CANCELLED') {
      verdict.count('cancelled orders');
      verdict.expect(
        kept === 0,
        () => `order ${order.id} is cancelled but ${String(kept)} is kept`,
      );
    }
  }
  for (const key of books.money.keys()) {
    verdict.expect(orders.has(key), () => `the provider charged ${key}, which is no order`);
  }
  return verdict.result();
}
