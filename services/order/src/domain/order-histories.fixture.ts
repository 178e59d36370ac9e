// Streams that leave an order in each status, for the domain's tests.
import type { OrderEvent } from './order.events.js';

export const ORDER_ID = 'order-1';
export const CUSTOMER_ID = 'customer-1';

export const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: {
    orderId: ORDER_ID,
    customerId: CUSTOMER_ID,
    lines: [
      { sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 },
      { sku: 'PEN-1', quantity: 1, unitPrice: 250 },
    ],
    total: 3_250,
    currency: 'EUR',
  },
};
export const reserved: OrderEvent = {
  type: 'StockReserved',
  data: {
    lines: [
      { sku: 'BOOK-1', quantity: 2 },
      { sku: 'PEN-1', quantity: 1 },
    ],
  },
};
export const captured: OrderEvent = {
  type: 'PaymentCaptured',
  data: { paymentId: 'pay-1', amount: 3_250, currency: 'EUR' },
};
export const confirmed: OrderEvent = { type: 'OrderConfirmed', data: {} };
export const ready: OrderEvent = { type: 'FulfillmentReady', data: { shipmentId: 'ship-1' } };
export const shipped: OrderEvent = { type: 'OrderShipped', data: { shipmentId: 'ship-1' } };
const cancelled = (wasPaid: boolean): OrderEvent => ({
  type: 'OrderCancelled',
  data: { reason: 'CUSTOMER_REQUEST', detail: null, wasPaid },
});

/** One stream per situation the rules tell apart. */
export const HISTORIES = {
  PLACED: [placed],
  'PLACED, paid': [placed, captured],
  STOCK_RESERVED: [placed, reserved],
  CONFIRMED: [placed, reserved, captured, confirmed],
  FULFILLMENT_READY: [placed, reserved, captured, confirmed, ready],
  SHIPPED: [placed, reserved, captured, confirmed, ready, shipped],
  CANCELLED: [placed, cancelled(false)],
  'CANCELLED, paid': [placed, reserved, captured, confirmed, cancelled(true)],
} satisfies Record<string, OrderEvent[]>;

export type Situation = keyof typeof HISTORIES;
