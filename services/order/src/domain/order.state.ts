/** Where an order is in the saga. CANCELLED is reachable from every status before SHIPPED. */
export type OrderStatus =
  'PLACED' | 'STOCK_RESERVED' | 'CONFIRMED' | 'FULFILLMENT_READY' | 'SHIPPED' | 'CANCELLED';

export type CancellationReason =
  'OUT_OF_STOCK' | 'PAYMENT_DECLINED' | 'PAYMENT_TIMEOUT' | 'CUSTOMER_REQUEST';

/** Prices are integer minor units (cents) of the order's currency. */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

export interface CapturedPayment {
  readonly paymentId: string;
  readonly amount: number;
}

export interface Cancellation {
  readonly reason: CancellationReason;
  readonly detail: string | null;
}

/** An order as its events leave it. */
export interface OrderState {
  readonly id: string;
  readonly customerId: string;
  readonly lines: readonly OrderLine[];
  readonly total: number;
  readonly currency: string;
  readonly status: OrderStatus;
  /**
   * Set once the payment service reports a charge, whatever the status: a charge can arrive
   * before the reservation it follows (topics do not keep order) or after a cancellation.
   */
  readonly payment: CapturedPayment | null;
  readonly shipmentId: string | null;
  readonly cancellation: Cancellation | null;
}

export const isPaid = (order: OrderState): boolean => order.payment !== null;
