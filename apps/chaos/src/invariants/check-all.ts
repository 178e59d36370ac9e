import type { Books } from '../books/books.js';
import { compensationsOnce } from './compensations.invariant.js';
import { eachEventHandledOnce, outboxDelivered, poisonDeadLettered } from './delivery.invariant.js';
import { oneMailPerEvent } from './emails.invariant.js';
import { everyOrderFinal } from './final-orders.invariant.js';
import type { InvariantResult, RunFacts } from './invariant.js';
import { moneyAddsUp } from './money.invariant.js';
import { stockAddsUp } from './stock.invariant.js';

/** Every invariant of a run, in the order the report lists them. */
export function checkInvariants(books: Books, facts: RunFacts): InvariantResult[] {
  return [
    stockAddsUp(books, facts),
    everyOrderFinal(books, facts),
    moneyAddsUp(books),
    compensationsOnce(books),
    oneMailPerEvent(books),
    outboxDelivered(books),
    eachEventHandledOnce(books, facts),
    poisonDeadLettered(books, facts),
  ];
}
