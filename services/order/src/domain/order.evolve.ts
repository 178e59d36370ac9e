import type { OrderEvent } from './order.events.js';
import type { OrderState } from './order.state.js';

/**
 * Applies one recorded event. Events are facts, so nothing is refused here: a stream that
 * does not start with OrderPlaced is corrupt, and that is the only error.
 */
export function evolve(state: OrderState | undefined, event: OrderEvent): OrderState {
  if (event.type === 'OrderPlaced') {
    const { orderId, customerId, lines, total, currency } = event.data;
    return {
      id: orderId,
      customerId,
      lines,
      total,
      currency,
      status: 'PLACED',
      payment: null,
      shipmentId: null,
      cancellation: null,
    };
  }
  if (state === undefined)
    throw new Error(`order stream starts with ${event.type}, not OrderPlaced`);
  switch (event.type) {
    case 'StockReserved':
      return { ...state, status: 'STOCK_RESERVED' };
    case 'PaymentCaptured':
      // Never moves the status by itself: OrderConfirmed does, once stock is reserved too.
      return { ...state, payment: { paymentId: event.data.paymentId, amount: event.data.amount } };
    case 'OrderConfirmed':
      return { ...state, status: 'CONFIRMED' };
    case 'FulfillmentReady':
      return { ...state, status: 'FULFILLMENT_READY', shipmentId: event.data.shipmentId };
    case 'OrderShipped':
      return { ...state, status: 'SHIPPED', shipmentId: event.data.shipmentId };
    case 'OrderCancelled':
      return {
        ...state,
        status: 'CANCELLED',
        cancellation: { reason: event.data.reason, detail: event.data.detail },
      };
  }
}

/** The state a stream's events lead to; undefined for an empty stream. */
export function replay(events: Iterable<OrderEvent>, from?: OrderState): OrderState | undefined {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}
