import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { Topics } from '../topics.js';
import { Currency, Id, Money } from './common.js';

export const PaymentSucceeded = defineEvent({
  type: 'payment.succeeded',
  version: 1,
  topic: Topics.PaymentsSucceeded,
  description: 'The order total was charged.',
  schema: z.object({ orderId: Id, paymentId: Id, amount: Money, currency: Currency }),
});

export const PaymentFailed = defineEvent({
  type: 'payment.failed',
  version: 1,
  topic: Topics.PaymentsFailed,
  description: 'The charge was declined or did not answer in time; nothing was charged.',
  schema: z.object({
    orderId: Id,
    reason: z.enum(['DECLINED', 'TIMEOUT', 'PROVIDER_ERROR']),
    message: z.string(),
  }),
});

export const PaymentRefunded = defineEvent({
  type: 'payment.refunded',
  version: 1,
  topic: Topics.PaymentsRefunded,
  description: 'A captured payment was refunded in full (the saga compensation for a paid order).',
  schema: z.object({ orderId: Id, paymentId: Id, amount: Money, currency: Currency }),
});
