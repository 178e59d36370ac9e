import {
  OrderPlaced,
  StockReservationFailed,
  StockReserved,
  type EventOf,
} from '@eventmart/contracts';
import { EventPublisher, type HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { actionFor } from '../domain/order-stock.js';
import { mergeLines, planReservation } from '../domain/reservation.js';
import { InventoryStore } from './inventory-store.port.js';
import { ReservationExpiry } from './reservation-expiry.js';

/** order.placed: reserve every line or none, and say which; a reservation expires unless settled. */
@Injectable()
export class ReserveStockOnOrderPlaced {
  constructor(
    private readonly store: InventoryStore,
    private readonly publisher: EventPublisher,
    private readonly expiry: ReservationExpiry,
  ) {}

  // The name keys the inbox: pinned so that renaming the class does not replay old events.
  @OnEvent(OrderPlaced, { name: 'reserve-stock' })
  async handle(event: EventOf<typeof OrderPlaced>, context: HandlerContext): Promise<void> {
    const { tx } = context;
    const { orderId } = event.data;
    const status = await this.store.lockOrder(tx, orderId);
    // Already reserved or rejected (a duplicate), or cancelled before it got here: the order
    // needs no stock, and order already knows its fate, so nothing is published.
    if (actionFor(status, 'placed') !== 'reserve') return;

    const lines = mergeLines(event.data.lines);
    const stock = await this.store.lockStock(
      tx,
      lines.map((line) => line.sku),
    );
    const plan = planReservation(stock, lines);
    const subject = { subject: orderId, context };
    if (!plan.ok) {
      await this.store.setOrderStatus(tx, orderId, 'REJECTED');
      await this.publisher.publish(
        StockReservationFailed,
        { orderId, reason: plan.reason, shortages: plan.shortages },
        subject,
      );
      return;
    }
    await this.store.saveStock(tx, plan.levels);
    await this.store.addReservation(tx, orderId, plan.lines);
    await this.store.setOrderStatus(tx, orderId, 'RESERVED');
    await this.expiry.schedule(context, orderId);
    await this.publisher.publish(StockReserved, { orderId, lines: plan.lines }, subject);
  }
}
