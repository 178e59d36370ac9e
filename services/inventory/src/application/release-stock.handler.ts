import { OrderCancelled, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { actionFor } from '../domain/order-stock.js';
import { InventoryStore } from './inventory-store.port.js';
import { ReleaseReservation } from './release-reservation.js';
import { ReservationExpiry } from './reservation-expiry.js';

/** order.cancelled: return a held reservation to available stock (the saga's compensation). */
@Injectable()
export class ReleaseStockOnOrderCancelled {
  constructor(
    private readonly store: InventoryStore,
    private readonly reservation: ReleaseReservation,
    private readonly expiry: ReservationExpiry,
  ) {}

  @OnEvent(OrderCancelled, { name: 'release-stock' })
  async handle(event: EventOf<typeof OrderCancelled>, context: HandlerContext): Promise<void> {
    const { tx } = context;
    const { orderId, reason } = event.data;
    const status = await this.store.lockOrder(tx, orderId);
    const action = actionFor(status, 'cancelled');
    // The order is settled: whatever happens below, its reservation no longer expires.
    await this.expiry.cancel(tx, orderId);
    if (action === 'remember-cancellation') {
      // order.placed has not been handled yet (it travels on another topic): when it comes,
      // it finds the order cancelled and reserves nothing.
      await this.store.setOrderStatus(tx, orderId, 'CANCELLED');
      return;
    }
    // Rejected (nothing held), already released, or sold: nothing to give back.
    if (action !== 'release') return;
    await this.reservation.release(context, orderId, reason);
  }
}
