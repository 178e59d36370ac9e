import type { EventData, EventDefinition } from '@eventmart/contracts';
import { sql } from 'kysely';
import type { EventContext } from '../context/event-context.js';
import type { Tx } from '../sql/database.port.js';
import { timerChannel, timerTables } from './timer-table.js';

export interface TimerRequest<D extends EventDefinition = EventDefinition> {
  /**
   * Names the timer, e.g. `payment-deadline:<orderId>`. Used once: scheduling an id that
   * exists (pending, fired or cancelled) changes nothing, so a handler that runs again after
   * a rollback or a redelivery schedules nothing twice.
   */
  readonly id: string;
  /** The subject of the event it fires: its ordering key. */
  readonly subject: string;
  /** Not before then; a poller fires it within its poll interval after. */
  readonly dueAt: Date;
  readonly event: D;
  readonly data: EventData<D>;
}

/**
 * Schedules an event to be published at `dueAt`, in the context's transaction: the timer exists
 * if, and only if, the transaction commits. The context's correlation, cause and trace (a
 * handler's or a unit of work's) are kept, so the event fires as part of the same saga. Data
 * that does not match the definition throws here, not when it fires. Answers whether a new
 * timer was scheduled.
 */
export async function scheduleTimer<D extends EventDefinition>(
  context: EventContext,
  schema: string,
  timer: TimerRequest<D>,
): Promise<boolean> {
  const { event } = timer;
  const parsed = event.schema.safeParse(timer.data);
  if (!parsed.success) {
    throw new TypeError(
      `timer ${timer.id}: invalid ${event.type}@${String(event.version)} data: ${parsed.error.message}`,
    );
  }
  const { tx, cause } = context;
  const inserted = await timerTables(tx, schema)
    .insertInto('timers')
    .values({
      id: timer.id,
      subject: timer.subject,
      due_at: timer.dueAt,
      event_type: event.type,
      event_version: event.version,
      topic: event.topic,
      data: JSON.stringify(parsed.data),
      correlation_id: cause?.correlationId ?? context.correlationId ?? null,
      causation_id: cause?.id ?? null,
      traceparent: context.traceparent ?? cause?.traceparent ?? null,
      fired_at: null,
      cancelled_at: null,
      event_id: null,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted === undefined) return false;
  // Delivered at commit: a poller sleeping until a later timer looks again.
  await sql`SELECT pg_notify(${timerChannel(schema)}, '')`.execute(tx);
  return true;
}

/**
 * Cancels a pending timer in the caller's transaction; answers whether it was pending. A timer
 * that fired already stays fired (its event is on its way: consumers must expect it), and one
 * being fired right now is waited for, then seen as fired.
 */
export async function cancelTimer(tx: Tx, schema: string, id: string): Promise<boolean> {
  const cancelled = await timerTables(tx, schema)
    .updateTable('timers')
    .set({ status: 'cancelled', cancelled_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return cancelled !== undefined;
}
