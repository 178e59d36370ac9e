import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { Topics } from '../topics.js';
import { Id } from './common.js';

export const EmailTemplate = z.enum([
  'welcome',
  'order-confirmed',
  'order-cancelled',
  'order-shipped',
]);

export const EmailSent = defineEvent({
  type: 'email.sent',
  version: 1,
  topic: Topics.EmailSent,
  description: 'An e-mail was handed to SMTP (or stored in the development mailbox).',
  schema: z.object({
    emailId: Id,
    to: z.email(),
    template: EmailTemplate,
    orderId: Id.optional(),
    userId: Id.optional(),
  }),
});
