import { Rpc, type RpcResponse } from '@eventmart/contracts';
import { parseRpcRequest } from '@eventmart/nest-rpc';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CancelOrder } from '../application/cancel-order.command.js';
import { OrderQueries } from '../application/order-queries.js';
import { PlaceOrder } from '../application/place-order.command.js';
import { answering } from './order-rpc-errors.js';

/** The gateway's requests to the order service. */
@Controller()
export class OrderRpcController {
  constructor(
    private readonly placing: PlaceOrder,
    private readonly cancelling: CancelOrder,
    private readonly queries: OrderQueries,
  ) {}

  @MessagePattern(Rpc.placeOrder.name)
  async placeOrder(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.placeOrder>> {
    const request = parseRpcRequest(Rpc.placeOrder, payload);
    return await answering(() => this.placing.execute(request));
  }

  @MessagePattern(Rpc.listOrders.name)
  async listOrders(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.listOrders>> {
    const { customerId } = parseRpcRequest(Rpc.listOrders, payload);
    return await answering(() => this.queries.listByCustomer(customerId));
  }

  /** With `customerId`, another customer's order is NOT_FOUND; with `asOf`, as it was then. */
  @MessagePattern(Rpc.getOrder.name)
  async getOrder(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.getOrder>> {
    const { orderId, customerId, asOf } = parseRpcRequest(Rpc.getOrder, payload);
    return await answering(() =>
      this.queries.get(orderId, {
        customerId,
        asOf: asOf === undefined ? undefined : new Date(asOf),
      }),
    );
  }

  @MessagePattern(Rpc.cancelOrder.name)
  async cancelOrder(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.cancelOrder>> {
    const request = parseRpcRequest(Rpc.cancelOrder, payload);
    return await answering(() => this.cancelling.execute(request));
  }
}
