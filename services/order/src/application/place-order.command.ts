import type { Rpc, RpcRequest } from '@eventmart/contracts';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { OrderCommandHandler } from './order-command-handler.js';
import type { OrderView } from './order-read-model.port.js';

export type PlaceOrderRequest = RpcRequest<typeof Rpc.placeOrder>;

/**
 * Places an order for a customer, its unit prices resolved by the caller from the catalogue:
 * the order's first event, its row and order.placed (which starts the saga) commit together.
 */
@Injectable()
export class PlaceOrder {
  constructor(private readonly orders: OrderCommandHandler) {}

  async execute(request: PlaceOrderRequest): Promise<OrderView> {
    const { customerId, lines, currency, paymentToken } = request;
    const orderId = uuidv7();
    // Every event of the saga carries it: the caller's request id, or one made for the order.
    const correlationId =
      request.correlationId === undefined || request.correlationId === ''
        ? uuidv7()
        : request.correlationId;
    const { view } = await this.orders.execute(
      { type: 'PlaceOrder', orderId, customerId, lines, currency },
      { correlationId, paymentToken },
    );
    return view;
  }
}
