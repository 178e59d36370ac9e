import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { Topics } from '../topics.js';
import { Id } from './common.js';

export const FulfillmentReady = defineEvent({
  type: 'fulfillment.ready',
  version: 1,
  topic: Topics.FulfillmentReady,
  description: 'A shipment was created for a confirmed order and waits to be shipped.',
  schema: z.object({ orderId: Id, customerId: Id, shipmentId: Id }),
});
