import { OrderCancelled, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable, Logger } from '@nestjs/common';
import { cancel } from '../domain/shipment.js';
import { ShipmentRepository } from './shipment.repository.port.js';

/** A cancelled order's shipment does not leave; one not created yet never will be. */
@Injectable()
export class CancelShipment {
  private readonly logger = new Logger(CancelShipment.name);

  constructor(private readonly shipments: ShipmentRepository) {}

  @OnEvent(OrderCancelled, { name: 'cancel-shipment' })
  async onOrderCancelled(
    event: EventOf<typeof OrderCancelled>,
    { tx }: HandlerContext,
  ): Promise<void> {
    const { orderId, reason } = event.data;
    await this.shipments.lockOrder(tx, orderId);
    await this.shipments.rememberCancellation(tx, orderId, reason);
    const shipment = await this.shipments.findByOrder(tx, orderId);
    if (shipment === undefined) return;
    const cancelled = cancel(shipment, new Date());
    if (cancelled !== undefined) {
      await this.shipments.update(tx, cancelled);
    } else if (shipment.status === 'SHIPPED') {
      this.logger.warn(`order ${orderId} was cancelled after its shipment left: nothing to stop`);
    }
  }
}
