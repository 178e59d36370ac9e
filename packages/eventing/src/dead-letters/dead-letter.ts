import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../sql/database.port.js';
import { eventingTables } from '../sql/tables.js';
import type { FailureRecord } from '../failures/failure-record.js';
import { recordColumns, storableText, subjectOf } from '../failures/stored-record.js';

/** Why a message was given up on. */
export type DeadLetterReason =
  | 'empty-body'
  | 'invalid-encoding'
  | 'malformed-json'
  | 'invalid-envelope'
  | 'unknown-event'
  | 'unsupported-version'
  | 'invalid-data'
  | 'permanent-error'
  | 'retries-exhausted';

/** A dead letter: the failure record, why it was given up on, and the error. */
export interface DeadLetterEntry extends FailureRecord {
  readonly handler: string | null;
  readonly reason: DeadLetterReason;
  readonly eventVersion?: number | undefined;
  readonly error: unknown;
  readonly firstFailedAt: Date;
}

/** An error as text columns hold it: errors may quote the input, NUL included. */
export function describeError(error: unknown): { message: string; stack: string | null } {
  if (error instanceof Error)
    return {
      message: storableText(error.message),
      stack: error.stack === undefined ? null : storableText(error.stack),
    };
  return { message: storableText(String(error)), stack: null };
}

/**
 * Stores a dead letter in the caller's transaction, the record's bytes exactly. A second dead
 * letter for the same consumer and event (a redelivery after a crash) is ignored: one record
 * per failure.
 */
export async function storeDeadLetter(
  tx: Tx,
  schema: string,
  entry: DeadLetterEntry,
): Promise<void> {
  const db = eventingTables(tx, schema);
  const { message: error, stack } = describeError(entry.error);
  await db
    .insertInto('dead_letters')
    .values({
      id: uuidv7(),
      consumer: entry.consumer,
      handler: entry.handler,
      reason: entry.reason,
      event_id: entry.eventId ?? null,
      // Read from a header when there is no envelope: it may hold anything text can.
      event_type: entry.eventType === undefined ? null : storableText(entry.eventType),
      event_version: entry.eventVersion ?? null,
      topic: entry.message.topic,
      partition: entry.message.partition,
      message_offset: entry.message.offset,
      message_key: subjectOf(entry.message.raw),
      ...recordColumns(entry.message.raw),
      error,
      error_stack: stack,
      attempts: entry.attempts,
      first_failed_at: entry.firstFailedAt,
      last_failed_at: new Date(),
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}
