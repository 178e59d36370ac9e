import type { Books } from '../books/books.js';
import { FINAL_STATUSES } from '../books/orders.js';
import { Verdict, type InvariantResult, type RunFacts } from './invariant.js';

/** Every order the gateway accepted exists, and every order is in a final status. */
export function everyOrderFinal(books: Books, facts: RunFacts): InvariantResult {
  const verdict = new Verdict(`every order final (${FINAL_STATUSES.join(', ')})`);
  const known = new Set(books.orders.map((order) => order.id));
  verdict.count('accepted by the gateway', facts.accepted.length);
  for (const id of facts.accepted) {
    verdict.expect(known.has(id), () => `order ${id} was accepted but the order service has none`);
  }
  for (const order of books.orders) {
    verdict.count('orders');
    const final = FINAL_STATUSES.includes(order.status as never);
    verdict.count(final ? 'final' : 'not final');
    verdict.expect(final, () => `order ${order.id} is still ${order.status}`);
  }
  return verdict.result();
}
