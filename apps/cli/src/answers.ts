/** What the gateway answers on its admin routes (see its OpenAPI document). */

/**
 * What a dead letter and a parked event share: a message a consumer failed on, where it came
 * from, and the tries so far. Each narrows what it always knows (a parked event has a handler).
 */
export interface FailureRecord {
  readonly service: string;
  readonly consumer: string;
  readonly handler: string | null;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly subject: string | null;
  readonly topic: string;
  readonly partition: number | null;
  readonly offset: string | null;
  readonly attempts: number;
  readonly firstFailedAt: string | null;
  readonly error: string | null;
}

/** A failure record with its message as received and the stack of its last error. */
export interface FailureDetails extends FailureRecord {
  readonly headers: Record<string, string>;
  readonly payload: string;
  readonly errorStack: string | null;
}

/** A page of a list over every service, and the services that did not answer. */
export interface FailureList<Item extends FailureRecord> {
  readonly items: readonly Item[];
  readonly total: number;
  readonly unavailable: readonly ServiceFault[];
}

export interface DeadLetter extends FailureRecord {
  readonly id: string;
  readonly reason: string;
  readonly status: string;
  readonly eventVersion: number | null;
  readonly error: string;
  readonly firstFailedAt: string;
  readonly lastFailedAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
}

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly selection: Record<string, unknown>;
  readonly outcome: string;
  readonly error: string | null;
  readonly note: string | null;
}

export interface DeadLetterDetails extends DeadLetter, FailureDetails {
  readonly error: string;
  readonly firstFailedAt: string;
  readonly replayable: boolean;
  readonly audit: readonly AuditEntry[];
}

export interface ServiceFault {
  readonly service: string;
  readonly code: string;
  readonly message: string;
}

export type DeadLetterList = FailureList<DeadLetter>;

export interface ActionResult {
  readonly service: string;
  readonly id: string;
  readonly consumer: string;
  readonly eventType: string | null;
  readonly subject: string | null;
  readonly outcome: string;
  readonly error: string | null;
  readonly handlers: readonly string[];
  readonly attempts: number;
}

export interface ActionReport {
  readonly action: 'replay' | 'discard';
  readonly dryRun: boolean;
  readonly actor: string;
  readonly results: readonly ActionResult[];
  readonly missing: readonly string[];
  readonly unavailable: readonly ServiceFault[];
}

/** Outcomes that mean the dead letter was not dealt with as asked. */
export const UNDONE_OUTCOMES: ReadonlySet<string> = new Set([
  'failed',
  'not-replayable',
  'would-fail',
]);

export interface ParkedEvent extends FailureRecord {
  readonly seq: string;
  readonly handler: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly subject: string;
  readonly partition: number;
  readonly offset: string;
  readonly delayedAttempts: number;
  readonly retryAt: string;
  readonly parkedAt: string;
  /** The first parked event of its key, which runs first; null if this is it. */
  readonly blockedBy: string | null;
}

export interface ParkedEventDetails extends ParkedEvent, FailureDetails {
  readonly handler: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly subject: string;
  readonly partition: number;
  readonly offset: string;
}

export type ParkedEventList = FailureList<ParkedEvent>;

export interface RetryNowResult {
  readonly service: string;
  readonly seq: string;
  readonly consumer: string;
  readonly handler: string;
  readonly eventType: string;
  readonly subject: string;
  readonly outcome: string;
  readonly retryAt: string;
  readonly blockedBy: string | null;
}

export interface RetryNowReport {
  readonly actor: string;
  readonly results: readonly RetryNowResult[];
  readonly unavailable: readonly ServiceFault[];
}
