/** What the gateway answers on its dead-letter routes (see its OpenAPI document). */

export interface DeadLetter {
  readonly id: string;
  readonly service: string;
  readonly consumer: string;
  readonly handler: string | null;
  readonly reason: string;
  readonly status: string;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly eventVersion: number | null;
  readonly subject: string | null;
  readonly topic: string;
  readonly partition: number | null;
  readonly offset: string | null;
  readonly error: string;
  readonly attempts: number;
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

export interface DeadLetterDetails extends DeadLetter {
  readonly headers: Record<string, string>;
  readonly payload: string;
  readonly errorStack: string | null;
  readonly replayable: boolean;
  readonly audit: readonly AuditEntry[];
}

export interface ServiceFault {
  readonly service: string;
  readonly code: string;
  readonly message: string;
}

export interface DeadLetterList {
  readonly items: readonly DeadLetter[];
  readonly total: number;
  readonly unavailable: readonly ServiceFault[];
}

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

/** What the gateway answers on its parked-event routes. */

export interface ParkedEvent {
  readonly seq: string;
  readonly service: string;
  readonly consumer: string;
  readonly handler: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly subject: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly attempts: number;
  readonly delayedAttempts: number;
  readonly retryAt: string;
  readonly firstFailedAt: string | null;
  readonly parkedAt: string;
  readonly error: string | null;
  /** The first parked event of its key, which runs first; null if this is it. */
  readonly blockedBy: string | null;
}

export interface ParkedEventDetails extends ParkedEvent {
  readonly headers: Record<string, string>;
  readonly payload: string;
  readonly errorStack: string | null;
}

export interface ParkedEventList {
  readonly items: readonly ParkedEvent[];
  readonly total: number;
  readonly unavailable: readonly ServiceFault[];
}

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
