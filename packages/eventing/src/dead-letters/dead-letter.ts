import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../sql/database.port.js';
import { eventingTables } from '../sql/tables.js';
import type { ReceivedMessage } from '../transport/message.js';

/** Why a message was given up on. */
export type DeadLetterReason =
  | 'malformed-json'
  | 'invalid-envelope'
  | 'unknown-event'
  | 'unsupported-version'
  | 'invalid-data'
  | 'permanent-error'
  | 'retries-exhausted';

export interface DeadLetterEntry {
  readonly consumer: string;
  readonly handler: string | null;
  readonly reason: DeadLetterReason;
  readonly message: ReceivedMessage;
  readonly eventId?: string | undefined;
  readonly eventType?: string | undefined;
  readonly eventVersion?: number | undefined;
  readonly error: unknown;
  readonly attempts: number;
  readonly firstFailedAt: Date;
}

export function describeError(error: unknown): { message: string; stack: string | null } {
  if (error instanceof Error) return { message: error.message, stack: error.stack ?? null };
  return { message: String(error), stack: null };
}

/**
 * Stores a dead letter in the caller's transaction. A second dead letter for the same consumer
 * and event (a redelivery after a crash) is ignored: one record per failure.
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
      event_type: entry.eventType ?? null,
      event_version: entry.eventVersion ?? null,
      topic: entry.message.topic,
      partition: entry.message.partition,
      message_offset: entry.message.offset,
      message_key: entry.message.key,
      headers: JSON.stringify(entry.message.headers),
      payload: entry.message.value,
      error,
      error_stack: stack,
      attempts: entry.attempts,
      first_failed_at: entry.firstFailedAt,
      last_failed_at: new Date(),
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}
