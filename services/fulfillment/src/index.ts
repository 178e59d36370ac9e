export { FulfillmentModule } from './fulfillment.module.js';
export { MarkShipped } from './application/mark-shipped.command.js';
export { FulfillmentRpcController } from './api/fulfillment.rpc-controller.js';
export type { Shipment, ShipmentStatus } from './domain/shipment.js';
