import type { RawRecord } from '../transport/raw-record.js';
import type { DeadLetterAuditEntry } from './dead-letter-audit.js';
import type { DeadLetterRow, DeadLetterStatus } from './dead-letter-tables.js';

/** One dead letter as an operator sees it in a list. */
export interface DeadLetterRecord {
  readonly id: string;
  /** The service whose consumer gave up on the message. */
  readonly service: string;
  /** `<service>.<handler>` for a handler's failure; the service alone before any handler ran. */
  readonly consumer: string;
  readonly handler: string | null;
  readonly reason: string;
  readonly status: DeadLetterStatus;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly eventVersion: number | null;
  /** The message key: the envelope's subject, e.g. the order id. */
  readonly subject: string | null;
  readonly topic: string;
  readonly partition: number | null;
  readonly offset: string | null;
  /** The last error: the original one, or that of the last replay that failed. */
  readonly error: string;
  readonly attempts: number;
  readonly firstFailedAt: Date;
  readonly lastFailedAt: Date;
  readonly resolvedAt: Date | null;
  readonly resolvedBy: string | null;
}

/** Everything stored about one dead letter, with its audit trail (oldest first). */
export interface DeadLetterDetails extends DeadLetterRecord {
  /** The record exactly as it was received: key, value and every header, as bytes. */
  readonly raw: RawRecord;
  readonly errorStack: string | null;
  /** False for a message without a valid envelope: it can only be discarded. */
  readonly replayable: boolean;
  readonly audit: readonly DeadLetterAuditEntry[];
}

/** List filters; each given one must match (exactly). */
export interface DeadLetterFilter {
  readonly consumer?: string;
  readonly handler?: string;
  readonly eventType?: string;
  readonly subject?: string;
  readonly reason?: string;
  readonly status?: DeadLetterStatus;
}

export interface DeadLetterPageRequest {
  /** Default 50, at most 500. */
  readonly limit?: number;
  readonly offset?: number;
}

/** Latest first failure first; `total` counts every dead letter matching the filter. */
export interface DeadLetterPage {
  readonly items: readonly DeadLetterRecord[];
  readonly total: number;
}

export function toDeadLetterRecord(row: DeadLetterRow, service: string): DeadLetterRecord {
  return {
    id: row.id,
    service,
    consumer: row.consumer,
    handler: row.handler,
    reason: row.reason,
    status: row.status,
    eventId: row.event_id,
    eventType: row.event_type,
    eventVersion: row.event_version,
    subject: row.message_key,
    topic: row.topic,
    partition: row.partition,
    offset: row.message_offset,
    error: row.error,
    attempts: row.attempts,
    firstFailedAt: row.first_failed_at,
    lastFailedAt: row.last_failed_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
  };
}
