import type { OrderLine } from './order.state.js';

/**
 * What may happen to an order: requests of its customer, and facts the other services of the
 * saga report. Each names the order it is for.
 */
export type OrderCommand = { readonly orderId: string } & (
  | {
      readonly type: 'PlaceOrder';
      readonly customerId: string;
      readonly lines: readonly OrderLine[];
      readonly currency: string;
    }
  | {
      readonly type: 'RecordStockReserved';
      readonly lines: readonly { sku: string; quantity: number }[];
    }
  | {
      readonly type: 'RecordStockReservationFailed';
      readonly reason: 'INSUFFICIENT_STOCK' | 'UNKNOWN_SKU';
      readonly shortages: readonly { sku: string; requested: number; available: number }[];
    }
  | {
      readonly type: 'RecordPaymentSucceeded';
      readonly paymentId: string;
      readonly amount: number;
      readonly currency: string;
    }
  | {
      readonly type: 'RecordPaymentFailed';
      readonly reason: 'DECLINED' | 'TIMEOUT' | 'PROVIDER_ERROR';
      readonly message: string;
    }
  | { readonly type: 'RecordFulfillmentReady'; readonly shipmentId: string }
  | {
      readonly type: 'RecordShipped';
      readonly shipmentId: string;
      readonly carrier?: string | undefined;
      readonly trackingNumber?: string | undefined;
    }
  | {
      /** The order's payment deadline (a timer set when it was placed) fell due. */
      readonly type: 'RecordPaymentDeadlinePassed';
      readonly afterMs: number;
    }
  | {
      /** The stock reservation's expiry (inventory's timer, set when it reserved) fell due. */
      readonly type: 'RecordReservationExpired';
      readonly afterMs: number;
    }
  | {
      readonly type: 'CancelOrder';
      /** The customer asking, when it is one: another customer's order is not found. */
      readonly customerId?: string | undefined;
      readonly detail?: string | undefined;
    }
);
