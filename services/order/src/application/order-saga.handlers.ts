import {
  FulfillmentReady,
  OrderPaymentDeadlinePassed,
  OrderShipped,
  PaymentFailed,
  PaymentSucceeded,
  StockReservationExpired,
  StockReservationFailed,
  StockReserved,
  type EventOf,
} from '@eventmart/contracts';
import { PermanentError, type HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { OrderError, type OrderCommand } from '../domain/index.js';
import { OrderCommandHandler } from './order-command-handler.js';

/**
 * The order's side of the saga: what the other services report, recorded on the order.
 * Each runs in the handler's transaction (behind the inbox) and decides on the order as it
 * is, so a report that is late, early or repeated records nothing or what still applies.
 * Names are pinned: they key the inbox.
 */
@Injectable()
export class OrderSagaHandlers {
  constructor(private readonly orders: OrderCommandHandler) {}

  @OnEvent(StockReserved, { name: 'stock-reserved' })
  async onStockReserved(
    event: EventOf<typeof StockReserved>,
    context: HandlerContext,
  ): Promise<void> {
    const { orderId, lines } = event.data;
    await this.record({ type: 'RecordStockReserved', orderId, lines }, context);
  }

  @OnEvent(StockReservationFailed, { name: 'stock-reservation-failed' })
  async onStockReservationFailed(
    event: EventOf<typeof StockReservationFailed>,
    context: HandlerContext,
  ): Promise<void> {
    const { orderId, reason, shortages } = event.data;
    await this.record(
      { type: 'RecordStockReservationFailed', orderId, reason, shortages },
      context,
    );
  }

  @OnEvent(PaymentSucceeded, { name: 'payment-succeeded' })
  async onPaymentSucceeded(
    event: EventOf<typeof PaymentSucceeded>,
    context: HandlerContext,
  ): Promise<void> {
    const { orderId, paymentId, amount, currency } = event.data;
    await this.record(
      { type: 'RecordPaymentSucceeded', orderId, paymentId, amount, currency },
      context,
    );
  }

  @OnEvent(PaymentFailed, { name: 'payment-failed' })
  async onPaymentFailed(
    event: EventOf<typeof PaymentFailed>,
    context: HandlerContext,
  ): Promise<void> {
    const { orderId, reason, message } = event.data;
    await this.record({ type: 'RecordPaymentFailed', orderId, reason, message }, context);
  }

  @OnEvent(FulfillmentReady, { name: 'fulfillment-ready' })
  async onFulfillmentReady(
    event: EventOf<typeof FulfillmentReady>,
    context: HandlerContext,
  ): Promise<void> {
    const { orderId, shipmentId } = event.data;
    await this.record({ type: 'RecordFulfillmentReady', orderId, shipmentId }, context);
  }

  @OnEvent(OrderShipped, { name: 'order-shipped' })
  async onOrderShipped(
    event: EventOf<typeof OrderShipped>,
    context: HandlerContext,
  ): Promise<void> {
    const { orderId, shipmentId, carrier, trackingNumber } = event.data;
    await this.record(
      { type: 'RecordShipped', orderId, shipmentId, carrier, trackingNumber },
      context,
    );
  }

  /** The order's own timer (see PaymentDeadline): cancels the order if still unpaid. */
  @OnEvent(OrderPaymentDeadlinePassed, { name: 'payment-deadline' })
  async onPaymentDeadlinePassed(
    event: EventOf<typeof OrderPaymentDeadlinePassed>,
    context: HandlerContext,
  ): Promise<void> {
    const { orderId, afterMs } = event.data;
    await this.record({ type: 'RecordPaymentDeadlinePassed', orderId, afterMs }, context);
  }

  /**
   * Inventory's reservation timer (set when it reserved, cleared by the confirmation or
   * cancellation it handles): it releases nothing itself. An unpaid order is cancelled here,
   * and its cancellation releases the stock; a paid one keeps it.
   */
  @OnEvent(StockReservationExpired, { name: 'reservation-expired' })
  async onReservationExpired(
    event: EventOf<typeof StockReservationExpired>,
    context: HandlerContext,
  ): Promise<void> {
    const { orderId, afterMs } = event.data;
    await this.record({ type: 'RecordReservationExpired', orderId, afterMs }, context);
  }

  private async record(command: OrderCommand, context: HandlerContext): Promise<void> {
    try {
      await this.orders.execute(command, { context });
    } catch (error) {
      // Refused by the order's rules: retrying gives the same answer, so straight to dead
      // letters, where an operator sees the contradiction. Anything else is retried.
      if (error instanceof OrderError) throw new PermanentError(error.message, { cause: error });
      throw error;
    }
  }
}
