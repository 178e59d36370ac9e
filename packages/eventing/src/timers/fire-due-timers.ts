import type { Envelope } from '@eventmart/contracts';
import type { Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { childTraceparent } from '../envelope/traceparent.js';
import { appendToOutbox } from '../outbox/outbox-writer.js';
import type { Db } from '../sql/database.port.js';
import { timerTables, type TimersTable } from './timer-table.js';

export interface FireOptions {
  readonly schema: string;
  /** The service the events come from (their `source`). */
  readonly service: string;
  /** Timers due at or before this time fire. */
  readonly now: Date;
  /** Most timers fired in one transaction. */
  readonly limit: number;
}

/**
 * Fires due timers in one transaction: appends their events to the outbox and marks them
 * fired, so an event is published if and only if its timer is marked. Rows another poller is
 * firing (or a transaction is cancelling) are locked and skipped, never waited for, so two
 * replicas never fire one timer twice. Answers how many fired.
 */
export function fireDueTimers(db: Db, options: FireOptions): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const timers = timerTables(tx, options.schema);
    const due = await timers
      .selectFrom('timers')
      .selectAll()
      .where('status', '=', 'pending')
      .where('due_at', '<=', options.now)
      .orderBy('due_at')
      .orderBy('id')
      .limit(options.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return 0;
    const events = due.map((row) => ({
      row,
      envelope: timerEnvelope(row, options.service, options.now),
    }));
    await appendToOutbox(
      tx,
      options.schema,
      events.map(({ row, envelope }) => ({ envelope, topic: row.topic })),
    );
    for (const { row, envelope } of events) {
      await timers
        .updateTable('timers')
        .set({ status: 'fired', fired_at: options.now, event_id: envelope.id })
        .where('id', '=', row.id)
        .execute();
    }
    return due.length;
  });
}

/** The event a timer fires as: a new id, in the saga (correlation, cause, trace) that set it. */
export function timerEnvelope(row: Selectable<TimersTable>, source: string, now: Date): Envelope {
  const id = uuidv7();
  return {
    id,
    type: row.event_type,
    version: row.event_version,
    time: now.toISOString(),
    source,
    subject: row.subject,
    correlationId: row.correlation_id ?? id,
    causationId: row.causation_id,
    ...(row.traceparent === null ? {} : { traceparent: childTraceparent(row.traceparent) }),
    data: row.data,
  };
}

/** When the next pending timer is due, if any. */
export async function nextDueAt(db: Db, schema: string): Promise<Date | undefined> {
  const row = await timerTables(db, schema)
    .selectFrom('timers')
    .select((eb) => eb.fn.min('due_at').as('next'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.next ?? undefined;
}
