import type { Db } from '../sql/database.port.js';
import type { DeadLetterFilter } from './dead-letter-record.js';
import { deadLetterTables, type DeadLetterRow } from './dead-letter-tables.js';

/**
 * Which dead letters a replay or discard acts on. Given criteria must all match; `all` stands
 * alone, so that acting on everything is always said out loud. Ids pick dead letters in any
 * status (those not open are reported, not touched); the other criteria pick open ones only.
 */
export interface DeadLetterSelection {
  readonly ids?: readonly string[];
  /** The message key: the envelope's subject, e.g. an order id. */
  readonly subject?: string;
  readonly eventType?: string;
  readonly all?: boolean;
}

/** The selection or filter cannot be used as given; nothing was done. */
export class InvalidDeadLetterRequest extends Error {
  override readonly name = 'InvalidDeadLetterRequest';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertSelection(selection: DeadLetterSelection): void {
  const criteria =
    (selection.ids !== undefined ? 1 : 0) +
    (selection.subject !== undefined ? 1 : 0) +
    (selection.eventType !== undefined ? 1 : 0);
  if (selection.all === true && criteria > 0) {
    throw new InvalidDeadLetterRequest('`all` cannot be combined with ids, subject or eventType');
  }
  if (selection.all !== true && criteria === 0) {
    throw new InvalidDeadLetterRequest('select dead letters by ids, subject or eventType, or all');
  }
  if (selection.ids?.length === 0) throw new InvalidDeadLetterRequest('ids is empty');
}

/** The selection as stored in the audit trail: only what was given. */
export function describeSelection(selection: DeadLetterSelection): Record<string, unknown> {
  return {
    ...(selection.ids !== undefined && { ids: [...selection.ids] }),
    ...(selection.subject !== undefined && { subject: selection.subject }),
    ...(selection.eventType !== undefined && { eventType: selection.eventType }),
    ...(selection.all === true && { all: true }),
  };
}

/**
 * The selected dead letters, oldest first, so that the events of one subject are replayed in
 * the order they failed; and the ids asked for that do not exist here.
 */
export async function selectDeadLetters(
  db: Db,
  schema: string,
  selection: DeadLetterSelection,
): Promise<{ rows: DeadLetterRow[]; missing: string[] }> {
  assertSelection(selection);
  // Not a UUID: cannot exist here, and would make PostgreSQL refuse the whole query.
  const ids = selection.ids?.filter((id) => UUID.test(id));
  if (ids?.length === 0) return { rows: [], missing: [...(selection.ids ?? [])] };
  let query = deadLetterTables(db, schema).selectFrom('dead_letters').selectAll();
  if (ids !== undefined) query = query.where('id', 'in', ids);
  else query = query.where('status', '=', 'open');
  if (selection.subject !== undefined) query = query.where('message_key', '=', selection.subject);
  if (selection.eventType !== undefined)
    query = query.where('event_type', '=', selection.eventType);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  const found = new Set(rows.map((row) => row.id.toLowerCase()));
  const missing = (selection.ids ?? []).filter((id) => !found.has(id.toLowerCase()));
  return { rows, missing };
}

/**
 * One page of the filtered dead letters, latest first failure first (stable: a replay does not
 * move a dead letter), and how many match in all.
 */
export async function filterDeadLetters(
  db: Db,
  schema: string,
  filter: DeadLetterFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: DeadLetterRow[]; total: number }> {
  let query = deadLetterTables(db, schema).selectFrom('dead_letters');
  if (filter.consumer !== undefined) query = query.where('consumer', '=', filter.consumer);
  if (filter.handler !== undefined) query = query.where('handler', '=', filter.handler);
  if (filter.eventType !== undefined) query = query.where('event_type', '=', filter.eventType);
  if (filter.subject !== undefined) query = query.where('message_key', '=', filter.subject);
  if (filter.reason !== undefined) query = query.where('reason', '=', filter.reason);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('first_failed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
