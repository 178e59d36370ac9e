import { FulfillmentReady, OrderConfirmed, type EventOf } from '@eventmart/contracts';
import { EventPublisher, type HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { newShipment } from '../domain/shipment.js';
import { ShipmentRepository } from './shipment.repository.port.js';

/** A confirmed order gets its shipment, READY for an admin to ship. */
@Injectable()
export class CreateShipment {
  private readonly logger = new Logger(CreateShipment.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly publisher: EventPublisher,
  ) {}

  @OnEvent(OrderConfirmed, { name: 'create-shipment' })
  async onOrderConfirmed(
    event: EventOf<typeof OrderConfirmed>,
    context: HandlerContext,
  ): Promise<void> {
    const { tx } = context;
    const { orderId, customerId } = event.data;
    await this.shipments.lockOrder(tx, orderId);
    if (await this.shipments.isCancelled(tx, orderId)) {
      this.logger.log(
        `order ${orderId} was cancelled before its confirmation arrived: no shipment`,
      );
      return;
    }
    // A second confirmation of the order (re-published, replayed) finds the shipment there.
    if ((await this.shipments.findByOrder(tx, orderId)) !== undefined) return;
    const shipment = newShipment(uuidv7(), orderId, customerId);
    await this.shipments.insert(tx, shipment);
    await this.publisher.publish(
      FulfillmentReady,
      { orderId, customerId, shipmentId: shipment.id },
      { subject: orderId, context },
    );
  }
}
