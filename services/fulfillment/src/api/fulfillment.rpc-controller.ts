import { Rpc, type RpcResponse } from '@eventmart/contracts';
import { parseRpcRequest, rpcFailure } from '@eventmart/nest-rpc';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MarkShipped } from '../application/mark-shipped.command.js';
import { FulfillmentError } from '../domain/fulfillment.errors.js';

/** The fulfillment service's request/response API, called by the gateway for admins. */
@Controller()
export class FulfillmentRpcController {
  constructor(private readonly markShipped: MarkShipped) {}

  /** The caller is trusted to have checked that the user is an admin. */
  @MessagePattern(Rpc.markShipped.name)
  async onMarkShipped(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.markShipped>> {
    const request = parseRpcRequest(Rpc.markShipped, payload);
    try {
      const shipment = await this.markShipped.execute(request);
      return { orderId: shipment.orderId, shipmentId: shipment.id, status: shipment.status };
    } catch (error) {
      if (error instanceof FulfillmentError) throw rpcFailure(error.code, error.message);
      throw error;
    }
  }
}
