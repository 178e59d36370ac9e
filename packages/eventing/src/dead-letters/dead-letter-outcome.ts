import type { DeadLetterAction } from './dead-letter-tables.js';

/**
 * What a replay or discard did to one dead letter, or in a dry run would do.
 * - replayed: the handler ran and committed; the dead letter is resolved.
 * - already-applied: the consumer had meanwhile processed the event; nothing ran again, and
 *   the dead letter is resolved as replayed.
 * - failed: the replay failed again (handler error, data still invalid, no handler any more);
 *   the dead letter stays open with its attempts, error and last failure updated.
 * - not-replayable: the message has no valid envelope; it can only be discarded.
 * - not-open: already replayed or discarded; left as it is.
 * - discarded: resolved without being applied; a redelivery stays skipped.
 * - would-replay, would-fail, would-discard: a dry run's forecast.
 */
export type DeadLetterOutcome =
  | 'replayed'
  | 'already-applied'
  | 'failed'
  | 'not-replayable'
  | 'not-open'
  | 'discarded'
  | 'would-replay'
  | 'would-fail'
  | 'would-discard';

export const DEAD_LETTER_OUTCOMES: readonly DeadLetterOutcome[] = [
  'replayed',
  'already-applied',
  'failed',
  'not-replayable',
  'not-open',
  'discarded',
  'would-replay',
  'would-fail',
  'would-discard',
];

export interface DeadLetterActionResult {
  readonly id: string;
  readonly consumer: string;
  readonly eventType: string | null;
  readonly subject: string | null;
  readonly outcome: DeadLetterOutcome;
  /** Why it failed, would fail, or cannot be replayed. */
  readonly error: string | null;
  /** The handlers that ran (or would run) for a replay. */
  readonly handlers: readonly string[];
  /** The dead letter's attempts after the action. */
  readonly attempts: number;
}

export interface DeadLetterActionReport {
  readonly service: string;
  readonly action: DeadLetterAction;
  readonly dryRun: boolean;
  /** Groups the audit entries of this call; null for a dry run, which writes none. */
  readonly operationId: string | null;
  /** One per selected dead letter, in the order acted on (oldest first). */
  readonly results: readonly DeadLetterActionResult[];
  /** Ids asked for that no dead letter of this service has. */
  readonly missing: readonly string[];
}

export interface DeadLetterActionOptions {
  /** Who acts: recorded in the audit trail and as resolved_by. */
  readonly actor: string;
  /** Report what would happen, change nothing, write no audit. Default false. */
  readonly dryRun?: boolean;
  /** Kept in the audit trail: why. */
  readonly note?: string;
}
