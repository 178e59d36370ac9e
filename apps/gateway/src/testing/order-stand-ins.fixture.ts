import { Rpc } from '@eventmart/contracts';
import { parseRpcRequest, rpcFailure } from '@eventmart/nest-rpc';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ShopState } from './shop-state.fixture.js';

@Controller()
export class OrdersStandIn {
  constructor(private readonly state: ShopState) {}

  @MessagePattern(Rpc.placeOrder.name)
  place(@Payload() payload: unknown) {
    const input = parseRpcRequest(Rpc.placeOrder, payload);
    const now = new Date().toISOString();
    const order = {
      id: this.state.nextId('order'),
      customerId: input.customerId,
      status: 'PLACED' as const,
      lines: input.lines,
      total: input.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0),
      currency: input.currency,
      cancellationReason: null,
      cancellationDetail: null,
      version: 1,
      placedAt: now,
      updatedAt: now,
    };
    // The history keeps what the gateway sent, so the tests can read it back over HTTP.
    const placed = { paymentToken: input.paymentToken, correlationId: input.correlationId };
    const history = [{ version: 1, type: 'order.placed', data: placed, recordedAt: now }];
    this.state.orders.set(order.id, { order, history });
    return order;
  }

  @MessagePattern(Rpc.listOrders.name)
  list(@Payload() payload: unknown) {
    const { customerId } = parseRpcRequest(Rpc.listOrders, payload);
    return [...this.state.orders.values()]
      .map(({ order }) => order)
      .filter((order) => order.customerId === customerId);
  }

  @MessagePattern(Rpc.getOrder.name)
  get(@Payload() payload: unknown) {
    const { orderId, customerId, asOf } = parseRpcRequest(Rpc.getOrder, payload);
    const found = this.ownedOrder(orderId, customerId);
    if (asOf === undefined) return found;
    return { ...found, history: found.history.filter((entry) => entry.recordedAt <= asOf) };
  }

  @MessagePattern(Rpc.cancelOrder.name)
  cancel(@Payload() payload: unknown) {
    const { orderId, customerId, reason } = parseRpcRequest(Rpc.cancelOrder, payload);
    const found = this.ownedOrder(orderId, customerId);
    if (found.order.status === 'SHIPPED' || found.order.status === 'CANCELLED') {
      throw rpcFailure('CONFLICT', `order ${orderId} is ${found.order.status.toLowerCase()}`);
    }
    Object.assign(found.order, {
      status: 'CANCELLED',
      cancellationReason: 'CUSTOMER_REQUEST',
      cancellationDetail: reason ?? null,
      version: found.order.version + 1,
    });
    return found.order;
  }

  private ownedOrder(orderId: string, customerId: string | undefined) {
    const found = this.state.orders.get(orderId);
    if (!found || (customerId !== undefined && found.order.customerId !== customerId)) {
      throw rpcFailure('NOT_FOUND', `no order ${orderId}`);
    }
    return found;
  }
}

@Controller()
export class FulfillmentStandIn {
  constructor(private readonly state: ShopState) {}

  @MessagePattern(Rpc.markShipped.name)
  ship(@Payload() payload: unknown) {
    const { orderId } = parseRpcRequest(Rpc.markShipped, payload);
    const found = this.state.orders.get(orderId);
    if (!found) throw rpcFailure('NOT_FOUND', `no shipment for order ${orderId}`);
    if (found.order.status === 'CANCELLED') throw rpcFailure('CONFLICT', 'order cancelled');
    Object.assign(found.order, { status: 'SHIPPED', version: found.order.version + 1 });
    return { orderId, shipmentId: `shipment-${orderId}`, status: 'SHIPPED' as const };
  }
}
