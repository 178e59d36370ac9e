import { OrderShipped, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable, Logger } from '@nestjs/common';
import { actionFor } from '../domain/order-stock.js';
import { applyToLines } from '../domain/reservation.js';
import { sell } from '../domain/stock-level.js';
import { InventoryStore } from './inventory-store.port.js';

/** order.shipped: the reserved units left the warehouse and count as sold. */
@Injectable()
export class SellStockOnOrderShipped {
  private readonly logger = new Logger('Inventory');

  constructor(private readonly store: InventoryStore) {}

  @OnEvent(OrderShipped, { name: 'sell-stock' })
  async handle(event: EventOf<typeof OrderShipped>, { tx }: HandlerContext): Promise<void> {
    const { orderId } = event.data;
    const status = await this.store.lockOrder(tx, orderId);
    if (actionFor(status, 'shipped') !== 'sell') {
      // A duplicate finds SOLD. Anything else means the order shipped without stock held
      // here, which the saga forbids: worth a look, but nothing to undo.
      if (status !== 'SOLD') {
        this.logger.warn(`order ${orderId} shipped while its stock is ${status}; left unchanged`);
      }
      return;
    }
    const lines = await this.store.heldLines(tx, orderId);
    const stock = await this.store.lockStock(
      tx,
      lines.map((line) => line.sku),
    );
    await this.store.saveStock(tx, applyToLines(stock, lines, sell));
    await this.store.closeReservation(tx, orderId, 'SOLD');
    await this.store.setOrderStatus(tx, orderId, 'SOLD');
  }
}
