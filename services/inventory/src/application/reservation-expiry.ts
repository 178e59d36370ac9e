import { StockReservationExpired } from '@eventmart/contracts';
import { cancelTimer, scheduleTimer, type EventContext, type Tx } from '@eventmart/eventing';
import { Inject, Injectable } from '@nestjs/common';
import {
  INVENTORY_SCHEMA,
  INVENTORY_SETTINGS,
  type InventorySettings,
} from './inventory-settings.js';

/** The id of an order's reservation expiry timer: one per order, used once. */
export const reservationExpiryId = (orderId: string): string => `reservation-expiry:${orderId}`;

/**
 * The expiry of a reservation, a durable timer in the inventory schema: set when the stock is
 * reserved, cleared by order.confirmed or order.cancelled, each in its handler's transaction.
 * If it fires first, stock.reservation-expired goes to the order service, which decides on the
 * order as it recorded it: unpaid, it is cancelled, and order.cancelled releases the stock
 * here; paid, nothing changes. Inventory never releases stock on its own clock: it may be
 * behind on order.confirmed, and the order paid.
 */
@Injectable()
export class ReservationExpiry {
  constructor(@Inject(INVENTORY_SETTINGS) private readonly settings: InventorySettings) {}

  async schedule(context: EventContext, orderId: string, now = new Date()): Promise<void> {
    const afterMs = this.settings.reservationTtlMs;
    const dueAt = new Date(now.getTime() + afterMs);
    await scheduleTimer(context, INVENTORY_SCHEMA, {
      id: reservationExpiryId(orderId),
      subject: orderId,
      dueAt,
      event: StockReservationExpired,
      data: { orderId, dueAt: dueAt.toISOString(), afterMs },
    });
  }

  async cancel(tx: Tx, orderId: string): Promise<void> {
    await cancelTimer(tx, INVENTORY_SCHEMA, reservationExpiryId(orderId));
  }
}
