import type { OrderCommand } from './order.commands.js';
import { OrderError } from './order.error.js';
import type { OrderEvent } from './order.events.js';
import { placeOrder } from './order.place.js';
import { cancelled, conflict } from './order.outcomes.js';
import { paymentDeadlinePassed, reservationExpired } from './order.timeouts.js';
import { isPaid, type OrderState } from './order.state.js';

type Command<T extends OrderCommand['type']> = Extract<OrderCommand, { type: T }>;

/**
 * What a command makes of an order: the events to record, none when it changes nothing (a
 * fact reported again, or one that came too late to matter), or an OrderError. Reports of
 * the saga may arrive in any order and more than once; a report that contradicts what the
 * order recorded is a conflict, so that an operator sees it rather than it being lost.
 */
export function decide(state: OrderState | undefined, command: OrderCommand): OrderEvent[] {
  if (command.type === 'PlaceOrder') {
    if (state !== undefined) throw new OrderError('conflict', `order ${command.orderId} exists`);
    return [placeOrder(command)];
  }
  if (state === undefined) throw new OrderError('not-found', `order ${command.orderId} not found`);
  switch (command.type) {
    case 'RecordStockReserved':
      return stockReserved(state, command);
    case 'RecordStockReservationFailed':
      return stockReservationFailed(state, command);
    case 'RecordPaymentSucceeded':
      return paymentSucceeded(state, command);
    case 'RecordPaymentFailed':
      return paymentFailed(state, command);
    case 'RecordFulfillmentReady':
      return fulfillmentReady(state, command);
    case 'RecordShipped':
      return shipped(state, command);
    case 'RecordPaymentDeadlinePassed':
      return paymentDeadlinePassed(state, command.afterMs);
    case 'RecordReservationExpired':
      return reservationExpired(state, command.afterMs);
    case 'CancelOrder':
      return cancel(state, command);
  }
}

function stockReserved(state: OrderState, command: Command<'RecordStockReserved'>): OrderEvent[] {
  // Once past PLACED the stock is reserved already; once cancelled, inventory releases it.
  if (state.status !== 'PLACED') return [];
  const reserved: OrderEvent = { type: 'StockReserved', data: { lines: command.lines } };
  // The charge may have been reported first: then both conditions of confirmation hold now.
  return isPaid(state) ? [reserved, { type: 'OrderConfirmed', data: {} }] : [reserved];
}

function stockReservationFailed(
  state: OrderState,
  { reason, shortages }: Command<'RecordStockReservationFailed'>,
): OrderEvent[] {
  if (state.status === 'CANCELLED') return [];
  if (state.status !== 'PLACED') throw conflict(state, 'its stock was reserved');
  const detail =
    reason === 'UNKNOWN_SKU'
      ? `unknown SKU: ${shortages.map((s) => s.sku).join(', ')}`
      : `insufficient stock: ${shortages
          .map(
            (s) => `${s.sku} (${String(s.requested)} requested, ${String(s.available)} available)`,
          )
          .join(', ')}`;
  return [cancelled(state, 'OUT_OF_STOCK', detail)];
}

function paymentSucceeded(
  state: OrderState,
  { paymentId, amount, currency }: Command<'RecordPaymentSucceeded'>,
): OrderEvent[] {
  if (state.payment !== null) {
    if (state.payment.paymentId === paymentId) return [];
    throw conflict(state, `paid by ${state.payment.paymentId}, so ${paymentId} charged it twice`);
  }
  const captured: OrderEvent = { type: 'PaymentCaptured', data: { paymentId, amount, currency } };
  switch (state.status) {
    case 'STOCK_RESERVED':
      return [captured, { type: 'OrderConfirmed', data: {} }];
    // Recorded for the audit trail: before the reservation it waits for it; after a
    // cancellation, payment refunds it on order.cancelled.
    case 'PLACED':
    case 'CANCELLED':
      return [captured];
    default:
      throw conflict(state, 'it was never paid');
  }
}

function paymentFailed(
  state: OrderState,
  { reason, message }: Command<'RecordPaymentFailed'>,
): OrderEvent[] {
  if (state.status === 'CANCELLED') return [];
  if (isPaid(state))
    throw conflict(state, `its payment ${state.payment?.paymentId ?? ''} succeeded`);
  const why = reason === 'TIMEOUT' ? 'PAYMENT_TIMEOUT' : 'PAYMENT_DECLINED';
  const detail = reason === 'PROVIDER_ERROR' ? `payment provider error: ${message}` : message;
  return [cancelled(state, why, detail)];
}

function fulfillmentReady(
  state: OrderState,
  { shipmentId }: Command<'RecordFulfillmentReady'>,
): OrderEvent[] {
  if (state.status === 'CONFIRMED') return [{ type: 'FulfillmentReady', data: { shipmentId } }];
  // Already ready or shipped (order.shipped can overtake it); fulfillment drops it if cancelled.
  if (state.status !== 'PLACED' && state.status !== 'STOCK_RESERVED') return [];
  throw conflict(state, 'a shipment exists for an order not confirmed');
}

function shipped(state: OrderState, command: Command<'RecordShipped'>): OrderEvent[] {
  switch (state.status) {
    case 'SHIPPED':
      return [];
    case 'CONFIRMED':
    case 'FULFILLMENT_READY': {
      const { shipmentId, carrier, trackingNumber } = command;
      const data = {
        shipmentId,
        ...(carrier === undefined ? {} : { carrier }),
        ...(trackingNumber === undefined ? {} : { trackingNumber }),
      };
      return [{ type: 'OrderShipped', data }];
    }
    case 'CANCELLED':
      throw conflict(state, `shipment ${command.shipmentId} left after the cancellation`);
    default:
      throw conflict(state, `shipment ${command.shipmentId} left before confirmation`);
  }
}

function cancel(state: OrderState, { customerId, detail }: Command<'CancelOrder'>): OrderEvent[] {
  if (customerId !== undefined && customerId !== state.customerId)
    throw new OrderError('not-found', `order ${state.id} not found`);
  if (state.status === 'SHIPPED') throw conflict(state, 'a shipped order cannot be cancelled');
  if (state.status === 'CANCELLED') throw conflict(state, 'it is cancelled already');
  return [cancelled(state, 'CUSTOMER_REQUEST', detail)];
}
