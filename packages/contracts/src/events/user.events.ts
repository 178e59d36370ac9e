import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { Topics } from '../topics.js';
import { Id } from './common.js';

export const UserRegistered = defineEvent({
  type: 'user.registered',
  version: 1,
  topic: Topics.UsersRegistered,
  description: 'A customer account was created.',
  schema: z.object({ userId: Id, email: z.email(), name: z.string().min(1) }),
});
