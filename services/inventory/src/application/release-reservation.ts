import { StockReleased } from '@eventmart/contracts';
import { EventPublisher, type EventContext } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { applyToLines } from '../domain/reservation.js';
import { release } from '../domain/stock-level.js';
import { InventoryStore } from './inventory-store.port.js';

/**
 * Returns an order's held lines to available stock and says so (stock.released with the
 * reason), in the caller's transaction (its context's), which holds the order's lock.
 */
@Injectable()
export class ReleaseReservation {
  constructor(
    private readonly store: InventoryStore,
    private readonly publisher: EventPublisher,
  ) {}

  async release(context: EventContext, orderId: string, reason: string): Promise<void> {
    const { tx } = context;
    const lines = await this.store.heldLines(tx, orderId);
    const stock = await this.store.lockStock(
      tx,
      lines.map((line) => line.sku),
    );
    await this.store.saveStock(tx, applyToLines(stock, lines, release));
    await this.store.closeReservation(tx, orderId, 'RELEASED');
    await this.store.setOrderStatus(tx, orderId, 'RELEASED');
    await this.publisher.publish(
      StockReleased,
      { orderId, lines, reason },
      { subject: orderId, context },
    );
  }
}
