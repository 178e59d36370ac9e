/**
 * What inventory knows of one order:
 * - NONE: nothing yet (the record exists only to serialise the order's handlers);
 * - RESERVED: every line is held; REJECTED: the reservation failed, nothing is held;
 * - RELEASED: the order was cancelled and its lines returned to available stock;
 * - SOLD: the order shipped and its lines left the warehouse;
 * - CANCELLED: order.cancelled arrived before order.placed; nothing will ever be reserved.
 */
export type OrderStockStatus = 'NONE' | 'RESERVED' | 'REJECTED' | 'RELEASED' | 'SOLD' | 'CANCELLED';

export type OrderStockEvent = 'placed' | 'cancelled' | 'shipped';

export type StockAction = 'reserve' | 'remember-cancellation' | 'release' | 'sell' | 'none';

const ACTIONS: Readonly<Record<OrderStockStatus, Readonly<Record<OrderStockEvent, StockAction>>>> =
  {
    NONE: { placed: 'reserve', cancelled: 'remember-cancellation', shipped: 'none' },
    RESERVED: { placed: 'none', cancelled: 'release', shipped: 'sell' },
    REJECTED: { placed: 'none', cancelled: 'none', shipped: 'none' },
    RELEASED: { placed: 'none', cancelled: 'none', shipped: 'none' },
    SOLD: { placed: 'none', cancelled: 'none', shipped: 'none' },
    CANCELLED: { placed: 'none', cancelled: 'none', shipped: 'none' },
  };

/**
 * What an event does to an order in a given state. Every event acts at most once per order, so a
 * duplicate (same event redelivered, or re-published with a new id) finds nothing left to do.
 */
export function actionFor(status: OrderStockStatus, event: OrderStockEvent): StockAction {
  return ACTIONS[status][event];
}
