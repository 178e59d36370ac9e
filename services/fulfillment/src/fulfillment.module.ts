import { fileURLToPath } from 'node:url';
import { EventingModule } from '@eventmart/nestjs';
import { Module } from '@nestjs/common';
import { CancelShipment } from './application/cancel-shipment.handler.js';
import { CreateShipment } from './application/create-shipment.handler.js';
import { MarkShipped } from './application/mark-shipped.command.js';
import { ShipmentRepository } from './application/shipment.repository.port.js';
import { FulfillmentRpcController } from './api/fulfillment.rpc-controller.js';
import { KyselyShipmentRepository } from './infrastructure/kysely-shipment.repository.js';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

/** Shipments of confirmed orders: the `fulfillment` service, in schema `fulfillment`. */
@Module({
  imports: [
    EventingModule.forFeature({
      service: 'fulfillment',
      schema: 'fulfillment',
      migrations: [migrations],
    }),
  ],
  controllers: [FulfillmentRpcController],
  providers: [
    { provide: ShipmentRepository, useClass: KyselyShipmentRepository },
    CreateShipment,
    CancelShipment,
    MarkShipped,
  ],
  exports: [MarkShipped],
})
export class FulfillmentModule {}
