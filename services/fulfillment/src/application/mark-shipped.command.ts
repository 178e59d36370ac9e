import { OrderShipped, type Rpc, type RpcRequest } from '@eventmart/contracts';
import { EventPublisher } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { FulfillmentError } from '../domain/fulfillment.errors.js';
import { ship, type Shipment } from '../domain/shipment.js';
import { ShipmentRepository } from './shipment.repository.port.js';

/** An admin hands the parcel to the carrier (the gateway checks the role). */
@Injectable()
export class MarkShipped {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /**
   * READY → SHIPPED and order.shipped, in one transaction. NOT_FOUND without a shipment for the
   * order (not confirmed, or unknown); CONFLICT, naming the status, once shipped or cancelled.
   */
  execute(request: RpcRequest<typeof Rpc.markShipped>): Promise<Shipment> {
    const { orderId, carrier, trackingNumber } = request;
    return this.publisher.unitOfWork(async (tx, context) => {
      await this.shipments.lockOrder(tx, orderId);
      const shipment = await this.shipments.findByOrder(tx, orderId);
      if (shipment === undefined)
        throw new FulfillmentError('NOT_FOUND', `no shipment for order ${orderId}`);
      const shipped = ship(shipment, { carrier, trackingNumber }, new Date());
      await this.shipments.update(tx, shipped);
      await this.publisher.publish(
        OrderShipped,
        {
          orderId,
          customerId: shipped.customerId,
          shipmentId: shipped.id,
          ...(carrier === undefined ? {} : { carrier }),
          ...(trackingNumber === undefined ? {} : { trackingNumber }),
        },
        { subject: orderId, context },
      );
      return shipped;
    });
  }
}
