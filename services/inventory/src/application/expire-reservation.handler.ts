import { RESERVATION_EXPIRED, StockReservationExpired, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable, Logger } from '@nestjs/common';
import { actionFor } from '../domain/order-stock.js';
import { InventoryStore } from './inventory-store.port.js';
import { ReleaseReservation } from './release-reservation.js';

/**
 * stock.reservation-expired, inventory's own timer: a reservation that neither order.confirmed
 * nor order.cancelled settled in time is released (stock.released, RESERVATION_EXPIRED), so
 * stock never stays held for an order that will not be paid. The order service cancels the
 * order when it reads that release.
 */
@Injectable()
export class ExpireReservationOnTimer {
  private readonly logger = new Logger('Inventory');

  constructor(
    private readonly store: InventoryStore,
    private readonly reservation: ReleaseReservation,
  ) {}

  @OnEvent(StockReservationExpired, { name: 'expire-reservation' })
  async handle(
    event: EventOf<typeof StockReservationExpired>,
    context: HandlerContext,
  ): Promise<void> {
    const { orderId, afterMs } = event.data;
    const { tx } = context;
    const status = await this.store.lockOrder(tx, orderId);
    if (actionFor(status, 'expired') !== 'release') return;
    this.logger.warn(
      `reservation of order ${orderId} expired after ${String(afterMs)} ms unconfirmed; releasing it`,
    );
    await this.reservation.release(context, orderId, RESERVATION_EXPIRED);
  }
}
