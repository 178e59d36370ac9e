import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { Topics } from '../topics.js';
import { Currency, Id, Money, Quantity, Sku } from './common.js';

export const OrderLine = z.object({ sku: Sku, quantity: Quantity, unitPrice: Money });

export const OrderPlaced = defineEvent({
  type: 'order.placed',
  version: 1,
  topic: Topics.OrdersNew,
  description: 'A customer placed an order; the saga starts here.',
  schema: z.object({
    orderId: Id,
    customerId: Id,
    lines: z.array(OrderLine).min(1),
    total: Money,
    currency: Currency,
    paymentToken: z.string().min(1),
  }),
});

export const OrderConfirmed = defineEvent({
  type: 'order.confirmed',
  version: 1,
  topic: Topics.OrdersConfirmed,
  description: 'Stock is reserved and payment captured; the order will be fulfilled.',
  schema: z.object({ orderId: Id, customerId: Id, total: Money, currency: Currency }),
});

export const OrderPaymentDeadlinePassed = defineEvent({
  type: 'order.payment-deadline-passed',
  version: 1,
  topic: Topics.OrdersDeadlines,
  description:
    "Internal to order, fired by a durable timer: the order's payment deadline passed; an order still unpaid is cancelled (PAYMENT_TIMEOUT).",
  schema: z.object({
    orderId: Id,
    /** When the deadline fell due. */
    dueAt: z.iso.datetime({ offset: true }),
    /** How long after placing the order payment was awaited. */
    afterMs: z.number().int().min(1),
  }),
});

export const CancellationReason = z.enum([
  'OUT_OF_STOCK',
  'PAYMENT_DECLINED',
  'PAYMENT_TIMEOUT',
  'CUSTOMER_REQUEST',
]);

export const OrderCancelled = defineEvent({
  type: 'order.cancelled',
  version: 1,
  topic: Topics.OrdersCancelled,
  description: 'The order will not be fulfilled; compensations follow from it.',
  schema: z.object({
    orderId: Id,
    customerId: Id,
    reason: CancellationReason,
    detail: z.string().optional(),
    /** Whether payment had been captured, so that payment knows a refund is due. */
    wasPaid: z.boolean(),
  }),
});

export const OrderShipped = defineEvent({
  type: 'order.shipped',
  version: 1,
  topic: Topics.FulfillmentShipped,
  description: 'The shipment left the warehouse; reserved stock becomes sold.',
  schema: z.object({
    orderId: Id,
    customerId: Id,
    shipmentId: Id,
    carrier: z.string().min(1).optional(),
    trackingNumber: z.string().min(1).optional(),
  }),
});
