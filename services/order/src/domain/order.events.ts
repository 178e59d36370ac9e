import type { CancellationReason, OrderLine } from './order.state.js';

/**
 * The events of one order's stream: its source of truth and its audit trail. They are the
 * order's own facts, not the integration events other services read (those are derived from
 * them when they are recorded). Stored as `{ type, data }`, so a field, once recorded, stays.
 */
export type OrderEvent =
  | {
      readonly type: 'OrderPlaced';
      readonly data: {
        readonly orderId: string;
        readonly customerId: string;
        readonly lines: readonly OrderLine[];
        readonly total: number;
        readonly currency: string;
      };
    }
  | {
      readonly type: 'StockReserved';
      readonly data: { readonly lines: readonly { sku: string; quantity: number }[] };
    }
  | {
      readonly type: 'PaymentCaptured';
      readonly data: {
        readonly paymentId: string;
        readonly amount: number;
        readonly currency: string;
      };
    }
  | { readonly type: 'OrderConfirmed'; readonly data: Readonly<Record<string, never>> }
  | { readonly type: 'FulfillmentReady'; readonly data: { readonly shipmentId: string } }
  | {
      readonly type: 'OrderShipped';
      readonly data: {
        readonly shipmentId: string;
        readonly carrier?: string;
        readonly trackingNumber?: string;
      };
    }
  | {
      readonly type: 'OrderCancelled';
      readonly data: {
        readonly reason: CancellationReason;
        readonly detail: string | null;
        /** Whether a charge had been recorded, so that payment knows a refund is due. */
        readonly wasPaid: boolean;
      };
    };

export type OrderEventType = OrderEvent['type'];

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = [
  'OrderPlaced',
  'StockReserved',
  'PaymentCaptured',
  'OrderConfirmed',
  'FulfillmentReady',
  'OrderShipped',
  'OrderCancelled',
];
