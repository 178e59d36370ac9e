import type { Selectable } from 'kysely';
import { describeError } from '../dead-letters/dead-letter.js';
import type { Db, Tx } from '../sql/database.port.js';
import type { FailureRecord } from '../failures/failure-record.js';
import { recordColumns, storedMessage } from '../failures/stored-record.js';
import type { ReceivedMessage } from '../transport/message.js';
import { isKeyHead } from './key-head.js';
import { parkingTables, type ParkedEventsTable } from './parked-table.js';

export type ParkedEvent = Selectable<ParkedEventsTable>;

/** A parked event: the failure record of an event with a valid envelope, and its next try. */
export interface ParkEntry extends FailureRecord {
  readonly handler: string;
  readonly eventId: string;
  readonly eventType: string;
  /** Tries made so far (0 for an event parked behind another). */
  readonly attempts: number;
  readonly retryAt: Date;
  /** Set when the event itself failed; absent when it only waits behind its key. */
  readonly failure?: { readonly error: unknown; readonly firstFailedAt: Date };
}

/**
 * The ordering key of a delivery: the transport's key (the event's subject), the unit whose
 * order the transport keeps and parking must keep too.
 */
export function orderingKey(message: ReceivedMessage): string {
  return message.key;
}

/** Whether `consumer` has an event parked for this key: later ones must wait behind it. */
export async function hasParked(db: Db, schema: string, consumer: string, key: string) {
  const row = await parkingTables(db, schema)
    .selectFrom('parked_events')
    .select('seq')
    .where('consumer', '=', consumer)
    .where('ordering_key', '=', key)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Parks an event in the caller's transaction, behind what its key already has parked. Parking
 * the same event twice (a redelivery of a parked event) keeps the first row.
 */
export async function park(tx: Tx | Db, schema: string, entry: ParkEntry): Promise<void> {
  const failure = entry.failure === undefined ? undefined : describeError(entry.failure.error);
  await parkingTables(tx, schema)
    .insertInto('parked_events')
    .values({
      consumer: entry.consumer,
      handler: entry.handler,
      ordering_key: orderingKey(entry.message),
      event_id: entry.eventId,
      event_type: entry.eventType,
      topic: entry.message.topic,
      partition: entry.message.partition,
      message_offset: entry.message.offset,
      message_key: entry.message.key,
      ...recordColumns(entry.message.raw),
      // Only an event with a valid envelope is parked, and that has a body.
      record_value: entry.message.raw.value ?? new Uint8Array(),
      attempts: entry.attempts,
      retry_at: entry.retryAt,
      first_failed_at: entry.failure?.firstFailedAt ?? null,
      last_error: failure?.message ?? null,
      last_error_stack: failure?.stack ?? null,
    })
    .onConflict((conflict) => conflict.columns(['consumer', 'event_id']).doNothing())
    .execute();
}

/**
 * The parked events that may run now: each the first of its (consumer, key), due by `now`.
 * Oldest due first.
 */
export function dueHeads(
  db: Db,
  schema: string,
  consumers: readonly string[],
  now: Date,
  limit: number,
): Promise<ParkedEvent[]> {
  if (consumers.length === 0) return Promise.resolve([]);
  return parkingTables(db, schema)
    .selectFrom('parked_events as p')
    .selectAll('p')
    .where('p.consumer', 'in', consumers)
    .where('p.retry_at', '<=', now)
    .where(isKeyHead)
    .orderBy('p.retry_at')
    .orderBy('p.seq')
    .limit(limit)
    .execute();
}

/**
 * Locks a parked event for a try in the caller's transaction, if it is still there, still the
 * first of its key and not locked by another poller (skipped, never waited for). Answers the
 * row as it is now, or undefined.
 */
export async function claimHead(tx: Tx, schema: string, seq: string) {
  const tables = parkingTables(tx, schema);
  const row = await tables
    .selectFrom('parked_events')
    .selectAll()
    .where('seq', '=', seq)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const earlier = await tables
    .selectFrom('parked_events')
    .select('seq')
    .where('consumer', '=', row.consumer)
    .where('ordering_key', '=', row.ordering_key)
    .where('seq', '<', row.seq)
    .limit(1)
    .executeTakeFirst();
  return earlier === undefined ? row : undefined;
}

/** Takes a parked event off the lot, in the transaction that applied or dead-lettered it. */
export async function unpark(tx: Tx, schema: string, seq: string): Promise<void> {
  await parkingTables(tx, schema).deleteFrom('parked_events').where('seq', '=', seq).execute();
}

/**
 * Records a failed delayed try and when the next one is due, unless another poller tried the
 * event meanwhile (its attempts changed): then that poller's record stands.
 */
export async function reschedule(
  db: Db,
  schema: string,
  row: ParkedEvent,
  change: {
    readonly retryAt: Date;
    readonly error: unknown;
    readonly attempts: number;
    readonly delayedAttempts: number;
  },
): Promise<void> {
  const { message, stack } = describeError(change.error);
  await parkingTables(db, schema)
    .updateTable('parked_events')
    .set({
      retry_at: change.retryAt,
      attempts: change.attempts,
      delayed_attempts: change.delayedAttempts,
      first_failed_at: row.first_failed_at ?? new Date(),
      last_error: message,
      last_error_stack: stack,
    })
    .where('seq', '=', row.seq)
    .where('attempts', '=', row.attempts)
    .where('delayed_attempts', '=', row.delayed_attempts)
    .execute();
}

/** The message a parked event was delivered as, for its handler and its dead letter. */
export function parkedMessage(row: ParkedEvent): ReceivedMessage {
  return storedMessage(row, row.attempts + 1);
}

/** What is parked per consumer, and the oldest, for health checks and the chaos report. */
export async function parkedSummary(db: Db, schema: string) {
  return parkingTables(db, schema)
    .selectFrom('parked_events')
    .select(({ fn }) => [
      'consumer',
      fn.countAll<string>().as('count'),
      fn.min('parked_at').as('oldest'),
      fn.min('retry_at').as('nextRetryAt'),
    ])
    .groupBy('consumer')
    .orderBy('consumer')
    .execute();
}
