import { OrderCancelled, StockReleased, type EventOf } from '@eventmart/contracts';
import { EventPublisher, type HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { actionFor } from '../domain/order-stock.js';
import { applyToLines } from '../domain/reservation.js';
import { release } from '../domain/stock-level.js';
import { InventoryStore } from './inventory-store.port.js';

/** order.cancelled: return a held reservation to available stock (the saga's compensation). */
@Injectable()
export class ReleaseStockOnOrderCancelled {
  constructor(
    private readonly store: InventoryStore,
    private readonly publisher: EventPublisher,
  ) {}

  @OnEvent(OrderCancelled, { name: 'release-stock' })
  async handle(event: EventOf<typeof OrderCancelled>, { tx }: HandlerContext): Promise<void> {
    const { orderId, reason } = event.data;
    const status = await this.store.lockOrder(tx, orderId);
    const action = actionFor(status, 'cancelled');
    if (action === 'remember-cancellation') {
      // order.placed has not been handled yet (it travels on another topic): when it comes,
      // it finds the order cancelled and reserves nothing.
      await this.store.setOrderStatus(tx, orderId, 'CANCELLED');
      return;
    }
    // Rejected (nothing held), already released, or sold: nothing to give back.
    if (action !== 'release') return;

    const lines = await this.store.heldLines(tx, orderId);
    const stock = await this.store.lockStock(
      tx,
      lines.map((line) => line.sku),
    );
    await this.store.saveStock(tx, applyToLines(stock, lines, release));
    await this.store.closeReservation(tx, orderId, 'RELEASED');
    await this.store.setOrderStatus(tx, orderId, 'RELEASED');
    await this.publisher.publish(StockReleased, { orderId, lines, reason }, { subject: orderId });
  }
}
