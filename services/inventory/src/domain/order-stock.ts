/**
 * What inventory knows of one order:
 * - NONE: nothing yet (the record exists only to serialise the order's handlers);
 * - RESERVED: every line is held, until the order is confirmed or cancelled (an unpaid order
 *   whose reservation expires is cancelled by the order service); CONFIRMED: held, and the
 *   order confirmed;
 * - REJECTED: the reservation failed, nothing is held;
 * - RELEASED: the order was cancelled and its lines were returned to available stock;
 * - SOLD: the order shipped and its lines left the warehouse;
 * - CANCELLED: order.cancelled arrived before order.placed; nothing will ever be reserved.
 */
export type OrderStockStatus =
  'NONE' | 'RESERVED' | 'CONFIRMED' | 'REJECTED' | 'RELEASED' | 'SOLD' | 'CANCELLED';

/** What happens to an order: its saga events. */
export type OrderStockEvent = 'placed' | 'confirmed' | 'cancelled' | 'shipped';

export type StockAction =
  'reserve' | 'confirm' | 'remember-cancellation' | 'release' | 'sell' | 'none';

const SETTLED = {
  placed: 'none',
  confirmed: 'none',
  cancelled: 'none',
  shipped: 'none',
} as const;

const ACTIONS: Readonly<Record<OrderStockStatus, Readonly<Record<OrderStockEvent, StockAction>>>> =
  {
    NONE: { ...SETTLED, placed: 'reserve', cancelled: 'remember-cancellation' },
    RESERVED: { ...SETTLED, confirmed: 'confirm', cancelled: 'release', shipped: 'sell' },
    CONFIRMED: { ...SETTLED, cancelled: 'release', shipped: 'sell' },
    REJECTED: SETTLED,
    RELEASED: SETTLED,
    SOLD: SETTLED,
    CANCELLED: SETTLED,
  };

/**
 * What an event does to an order in a given state. Every event acts at most once per order, so a
 * duplicate (same event redelivered, or re-published with a new id) finds nothing left to do.
 */
export function actionFor(status: OrderStockStatus, event: OrderStockEvent): StockAction {
  return ACTIONS[status][event];
}
