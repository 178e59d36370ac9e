import { OrderConfirmed, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { actionFor } from '../domain/order-stock.js';
import { InventoryStore } from './inventory-store.port.js';
import { ReservationExpiry } from './reservation-expiry.js';

/**
 * order.confirmed: the order is paid, so its reservation must not expire. Recorded on the order
 * (CONFIRMED) as well as by cancelling the timer: a timer that fired just before is still on
 * its way, and finds the order confirmed.
 */
@Injectable()
export class ConfirmReservationOnOrderConfirmed {
  constructor(
    private readonly store: InventoryStore,
    private readonly expiry: ReservationExpiry,
  ) {}

  @OnEvent(OrderConfirmed, { name: 'confirm-reservation' })
  async handle(event: EventOf<typeof OrderConfirmed>, { tx }: HandlerContext): Promise<void> {
    const { orderId } = event.data;
    const status = await this.store.lockOrder(tx, orderId);
    await this.expiry.cancel(tx, orderId);
    // Already released (the reservation expired first: order cancels on that stock.released),
    // sold, or a duplicate: nothing to record.
    if (actionFor(status, 'confirmed') === 'confirm') {
      await this.store.setOrderStatus(tx, orderId, 'CONFIRMED');
    }
  }
}
