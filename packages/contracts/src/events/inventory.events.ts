import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { Topics } from '../topics.js';
import { Id, Sku, StockLine } from './common.js';

export const StockReserved = defineEvent({
  type: 'stock.reserved',
  version: 1,
  topic: Topics.StockReserved,
  description: 'Every line of the order is reserved, all or none.',
  schema: z.object({ orderId: Id, lines: z.array(StockLine).min(1) }),
});

export const StockReservationFailed = defineEvent({
  type: 'stock.reservation-failed',
  version: 1,
  topic: Topics.StockReservationFailed,
  description: 'Nothing was reserved because at least one line could not be.',
  schema: z.object({
    orderId: Id,
    reason: z.enum(['INSUFFICIENT_STOCK', 'UNKNOWN_SKU']),
    shortages: z
      .array(z.object({ sku: Sku, requested: z.number().int(), available: z.number().int() }))
      .min(1),
  }),
});

export const StockReservationExpired = defineEvent({
  type: 'stock.reservation-expired',
  version: 1,
  topic: Topics.StockDeadlines,
  description:
    "Fired by inventory's durable timer: a reservation outlived its time before inventory saw the order confirmed or cancelled. The order service cancels the order if it is unpaid (PAYMENT_TIMEOUT), which releases the stock; a paid order is left as it is.",
  schema: z.object({
    orderId: Id,
    /** When the reservation expired. */
    dueAt: z.iso.datetime({ offset: true }),
    /** How long the reservation was held. */
    afterMs: z.number().int().min(1),
  }),
});

export const StockReleased = defineEvent({
  type: 'stock.released',
  version: 1,
  topic: Topics.StockReleased,
  description:
    "A reservation was returned to available stock: the saga's compensation (reason: the order's cancellation reason).",
  schema: z.object({ orderId: Id, lines: z.array(StockLine).min(1), reason: z.string().min(1) }),
});
