import type { Rpc, RpcRequest } from '@eventmart/contracts';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { OrderCommandHandler } from './order-command-handler.js';
import type { OrderView } from './order-read-model.port.js';

export type CancelOrderRequest = RpcRequest<typeof Rpc.cancelOrder>;

/**
 * Cancels an order at its customer's request, until it ships. order.cancelled tells
 * inventory to release the stock, payment to refund a charge, fulfillment to drop a shipment.
 */
@Injectable()
export class CancelOrder {
  constructor(private readonly orders: OrderCommandHandler) {}

  async execute(request: CancelOrderRequest): Promise<OrderView> {
    const { orderId, customerId, reason } = request;
    const { view } = await this.orders.execute(
      { type: 'CancelOrder', orderId, customerId, detail: reason },
      // The request carries no correlation id: the cancellation's compensations share a new one.
      { correlationId: uuidv7() },
    );
    return view;
  }
}
