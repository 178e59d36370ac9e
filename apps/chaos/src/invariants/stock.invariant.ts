import type { Books } from '../books/books.js';
import { PAID_STATUSES } from '../books/orders.js';
import { Verdict, type InvariantResult, type RunFacts } from './invariant.js';

/**
 * Per SKU: the initial stock = available + reserved + sold, none negative; and the buckets
 * agree with the orders: reserved is what orders still waiting to ship hold, sold is what
 * shipped orders took.
 */
export function stockAddsUp(books: Books, facts: RunFacts): InvariantResult {
  const verdict = new Verdict('stock: initial = available + reserved + sold, none negative');
  const held = new Map<string, number>();
  const shipped = new Map<string, number>();
  for (const order of books.orders) {
    const bucket =
      order.status === 'SHIPPED'
        ? shipped
        : PAID_STATUSES.includes(order.status as never)
          ? held
          : undefined;
    for (const line of bucket === undefined ? [] : order.lines)
      bucket?.set(line.sku, (bucket.get(line.sku) ?? 0) + line.quantity);
  }
  const skus = new Set([...facts.initialStock.keys(), ...books.stock.keys()]);
  for (const sku of skus) {
    const before = facts.initialStock.get(sku);
    const after = books.stock.get(sku);
    verdict.count('SKUs');
    if (before === undefined || after === undefined) {
      verdict.fail(`${sku} ${before === undefined ? 'appeared during' : 'vanished in'} the run`);
      continue;
    }
    const { available, reserved, sold } = after;
    verdict.count('initial units', before.total);
    verdict.count('available', available);
    verdict.count('reserved', reserved);
    verdict.count('sold', sold);
    verdict.expect(
      available + reserved + sold === before.total && after.total === before.total,
      () =>
        `${sku}: ${String(available)} + ${String(reserved)} + ${String(sold)} ≠ initial ${String(before.total)}`,
    );
    verdict.expect(
      available >= 0 && reserved >= 0 && sold >= 0,
      () => `${sku}: a bucket is negative`,
    );
    verdict.expect(
      reserved === (held.get(sku) ?? 0),
      () =>
        `${sku}: ${String(reserved)} reserved, orders waiting to ship hold ${String(held.get(sku) ?? 0)}`,
    );
    verdict.expect(
      sold === (shipped.get(sku) ?? 0),
      () => `${sku}: ${String(sold)} sold, shipped orders took ${String(shipped.get(sku) ?? 0)}`,
    );
  }
  return verdict.result();
}
