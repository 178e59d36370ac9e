import type { SqlDatabase } from '@eventmart/eventing';
import { deadLetterRows, inboxRows, type DeadLetterRow, type InboxRow } from './deliveries.js';
import { outboxEvents, type OutboxEvent } from './events.js';
import { mailsSent, type MailRow } from './mails.js';
import { chargesByOrder, moneyByOrder, paymentIdsByOrder, type MoneyMoved } from './money.js';
import { ordersOf, type OrderRow } from './orders.js';
import { reservations, stockBySku, type ReservationRow, type StockRow } from './stock.js';

/**
 * What the services' own tables say once the run has settled: the invariants are checked
 * against this, never against what the harness believes it did.
 */
export interface Books {
  readonly stock: ReadonlyMap<string, StockRow>;
  readonly reservations: readonly ReservationRow[];
  readonly orders: readonly OrderRow[];
  /** The payment provider's ledger, per charge key (the order id). */
  readonly money: ReadonlyMap<string, MoneyMoved>;
  readonly charges: ReadonlyMap<string, number>;
  /** What the payment service recorded as each order's payment. */
  readonly paymentIds: ReadonlyMap<string, string>;
  readonly events: readonly OutboxEvent[];
  readonly inbox: readonly InboxRow[];
  readonly deadLetters: readonly DeadLetterRow[];
  readonly mails: readonly MailRow[];
}

export async function readBooks(database: SqlDatabase): Promise<Books> {
  const [stock, held, orders, money, charges, paymentIds, events, inbox, deadLetters, mails] =
    await Promise.all([
      stockBySku(database),
      reservations(database),
      ordersOf(database),
      moneyByOrder(database),
      chargesByOrder(database),
      paymentIdsByOrder(database),
      outboxEvents(database),
      inboxRows(database),
      deadLetterRows(database),
      mailsSent(database),
    ]);
  return {
    stock,
    reservations: held,
    orders,
    money,
    charges,
    paymentIds,
    events,
    inbox,
    deadLetters,
    mails,
  };
}
