import { z } from 'zod';
import {
  FailedMessage,
  failureRecordPatterns,
  FailureListFilter,
} from './failure-record.schemas.js';
import { ActionRequest, operatorPattern, Text, When } from './operator.schemas.js';

/**
 * Request/response messages every service answers about its own parked events (those waiting
 * for a delayed retry, and those waiting behind them on their key), under its own name:
 * `<service>.parked-events.list`, `.get` and `.retry-now`. Operators only, as for dead letters:
 * the gateway lets administrators through and passes their identity on as `actor`. Every
 * service that keeps dead letters (DEAD_LETTER_SERVICES) parks events too.
 */

/** A parked event's number in its service, in decimal: the order its key's events run in. */
export const ParkedSeq = z
  .string()
  .regex(/^[1-9][0-9]{0,17}$/, 'a parked event number: a whole number from 1');

export const ParkedEventView = z.object({
  seq: ParkedSeq,
  service: z.string(),
  /** `<service>.<handler>`. */
  consumer: z.string(),
  handler: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  /** The ordering key: the message key, e.g. the order id. */
  subject: z.string(),
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  /** Tries so far, in place and delayed; 0 for an event that only waits behind its key. */
  attempts: z.number().int(),
  delayedAttempts: z.number().int(),
  /** When it is tried next, once it is the first of its key. */
  retryAt: When,
  /** Null for an event that has not failed: it waits behind an earlier one of its key. */
  firstFailedAt: When.nullable(),
  parkedAt: When,
  error: z.string().nullable(),
  /** The first parked event of its key, which must leave the lot first; null if this is it. */
  blockedBy: ParkedSeq.nullable(),
});

export const ParkedEventDetails = ParkedEventView.extend(FailedMessage);

export const ParkedEventListRequest = z.object(FailureListFilter);

/** One event by its number, or every consumer's first parked event of a subject. */
export const ParkedSelection = z
  .object({ seq: ParkedSeq.optional(), subject: Text.optional() })
  .refine((s) => (s.seq === undefined) !== (s.subject === undefined), {
    message: 'select by seq or by subject, not both',
  });

export const ParkedRetryNowRequest = ActionRequest(ParkedSelection, {});

/**
 * due-now: the first of its key, its next try moved to now. already-due: the first of its
 * key and due already (or being tried). behind: not the first of its key, so it cannot run
 * before `blockedBy` leaves the lot; nothing was changed.
 */
export const ParkedRetryNowOutcome = z.enum(['due-now', 'already-due', 'behind']);

export const ParkedRetryNowResult = z.object({
  seq: ParkedSeq,
  consumer: z.string(),
  handler: z.string(),
  eventType: z.string(),
  subject: z.string(),
  outcome: ParkedRetryNowOutcome,
  retryAt: When,
  blockedBy: ParkedSeq.nullable(),
});

export const ParkedRetryNowReport = z.object({
  service: z.string(),
  results: z.array(ParkedRetryNowResult),
});

/**
 * The parked-event patterns of one service. NOT_FOUND from `get`, and from `retryNow` by seq,
 * when no such event is parked.
 */
export function parkedEventPatterns(service: string) {
  return {
    ...failureRecordPatterns(service, 'parked-events', {
      list: ParkedEventListRequest,
      view: ParkedEventView,
      key: z.object({ seq: ParkedSeq }),
      details: ParkedEventDetails,
    }),
    retryNow: operatorPattern(
      `${service}.parked-events.retry-now`,
      ParkedRetryNowRequest,
      ParkedRetryNowReport,
    ),
  } as const;
}
export type ParkedEventPatterns = ReturnType<typeof parkedEventPatterns>;
