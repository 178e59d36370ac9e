import { z } from 'zod';
import {
  FailedMessage,
  failureRecordPatterns,
  FailureListFilter,
} from './failure-record.schemas.js';
import { ActionRequest, operatorPattern, Text, When } from './operator.schemas.js';

/**
 * Request/response messages every service answers about its own dead letters, under its own
 * name: `<service>.dead-letters.list`, `.get`, `.replay` and `.discard`. Operators only: the
 * gateway lets administrators through, and passes their identity on as `actor`.
 */

/** The services that keep dead letters (every one that runs eventing), in saga order. */
export const DEAD_LETTER_SERVICES = [
  'user',
  'order',
  'inventory',
  'payment',
  'fulfillment',
  'notification',
] as const;
export type DeadLetterService = (typeof DEAD_LETTER_SERVICES)[number];

const DeadLetterId = z.uuid();

export const DeadLetterStatus = z.enum(['open', 'replayed', 'discarded']);

export const DeadLetterOutcome = z.enum([
  'replayed',
  'already-applied',
  'failed',
  'not-replayable',
  'not-open',
  'discarded',
  'would-replay',
  'would-fail',
  'would-discard',
]);

export const DeadLetterView = z.object({
  id: DeadLetterId,
  service: z.string(),
  consumer: z.string(),
  handler: z.string().nullable(),
  reason: z.string(),
  status: DeadLetterStatus,
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  eventVersion: z.number().int().nullable(),
  subject: z.string().nullable(),
  topic: z.string(),
  partition: z.number().int().nullable(),
  offset: z.string().nullable(),
  error: z.string(),
  attempts: z.number().int(),
  firstFailedAt: When,
  lastFailedAt: When,
  resolvedAt: When.nullable(),
  resolvedBy: z.string().nullable(),
});

export const DeadLetterAuditEntry = z.object({
  id: z.uuid(),
  operationId: z.uuid(),
  at: When,
  actor: z.string(),
  action: z.enum(['replay', 'discard']),
  selection: z.record(z.string(), z.unknown()),
  outcome: DeadLetterOutcome,
  error: z.string().nullable(),
  note: z.string().nullable(),
});

export const DeadLetterDetails = DeadLetterView.extend({
  ...FailedMessage,
  /** False for a message without a valid envelope: it can only be discarded. */
  replayable: z.boolean(),
  audit: z.array(DeadLetterAuditEntry),
});

export const DeadLetterListRequest = z.object({
  ...FailureListFilter,
  handler: Text.optional(),
  reason: Text.optional(),
  status: DeadLetterStatus.optional(),
});

/** By ids, subject or event type (all given must match), or `all: true` alone. */
export const DeadLetterSelection = z
  .object({
    ids: z.array(DeadLetterId).min(1).max(500).optional(),
    subject: Text.optional(),
    eventType: Text.optional(),
    all: z.literal(true).optional(),
  })
  .refine(
    (s) =>
      s.all === true
        ? s.ids === undefined && s.subject === undefined && s.eventType === undefined
        : s.ids !== undefined || s.subject !== undefined || s.eventType !== undefined,
    { message: 'select by ids, subject or eventType, or all alone' },
  );

export const DeadLetterActionRequest = ActionRequest(DeadLetterSelection, {
  dryRun: z.boolean().optional(),
});

export const DeadLetterActionResult = z.object({
  id: DeadLetterId,
  consumer: z.string(),
  eventType: z.string().nullable(),
  subject: z.string().nullable(),
  outcome: DeadLetterOutcome,
  error: z.string().nullable(),
  handlers: z.array(z.string()),
  attempts: z.number().int(),
});

export const DeadLetterActionReport = z.object({
  service: z.string(),
  action: z.enum(['replay', 'discard']),
  dryRun: z.boolean(),
  operationId: z.uuid().nullable(),
  results: z.array(DeadLetterActionResult),
  /** Ids asked for that this service has no dead letter for. */
  missing: z.array(z.string()),
});

/** The dead-letter patterns of one service. NOT_FOUND from `get` when there is no such id. */
export function deadLetterPatterns(service: string) {
  return {
    ...failureRecordPatterns(service, 'dead-letters', {
      list: DeadLetterListRequest,
      view: DeadLetterView,
      key: z.object({ id: DeadLetterId }),
      details: DeadLetterDetails,
    }),
    replay: operatorPattern(
      `${service}.dead-letters.replay`,
      DeadLetterActionRequest,
      DeadLetterActionReport,
    ),
    discard: operatorPattern(
      `${service}.dead-letters.discard`,
      DeadLetterActionRequest,
      DeadLetterActionReport,
    ),
  } as const;
}
export type DeadLetterPatterns = ReturnType<typeof deadLetterPatterns>;
