import { OrderConfirmed, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { actionFor } from '../domain/order-stock.js';
import { InventoryStore } from './inventory-store.port.js';
import { ReservationExpiry } from './reservation-expiry.js';

/**
 * order.confirmed: the order is paid, so its reservation's expiry is cancelled and the order
 * recorded CONFIRMED. A timer that fired just before is on its way to the order service,
 * which finds the order paid and leaves it.
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
    // Already released (cancelled), sold, or a duplicate: nothing to record.
    if (actionFor(status, 'confirmed') === 'confirm') {
      await this.store.setOrderStatus(tx, orderId, 'CONFIRMED');
    }
  }
}
