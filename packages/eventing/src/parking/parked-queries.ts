import type { Db } from '../sql/database.port.js';
import { isKeyHead, keyHead } from './key-head.js';
import { parkingTables } from './parked-table.js';
import type { ParkedEvent } from './parking-lot.js';

// Read-only views of the parking lot, for operators. They never take a row from a poller.

/** List filters; each given one must match exactly. */
export interface ParkedFilter {
  readonly consumer?: string;
  readonly eventType?: string;
  /** The ordering key: the message key, e.g. the order id. */
  readonly subject?: string;
}

/**
 * A parked event and the first parked event of its (consumer, key), `key_head`: its own seq
 * when it is that one, the only one of its key that can run.
 */
export type ParkedEventInLine = ParkedEvent & { readonly key_head: string };

function inLine(row: ParkedEvent & { key_head: string | null }): ParkedEventInLine {
  // The row itself is one of its key, so the minimum is never null; it may come back as a
  // number from a driver that parses bigint.
  return { ...row, seq: String(row.seq), key_head: String(row.key_head ?? row.seq) };
}

/**
 * One page of the parked events matching the filter, in the order they were parked (oldest
 * first, so the events of a key come in the order they will run), and how many match in all.
 */
export async function listParked(
  db: Db,
  schema: string,
  filter: ParkedFilter,
  page: { readonly limit: number; readonly offset: number },
): Promise<{ rows: ParkedEventInLine[]; total: number }> {
  let query = parkingTables(db, schema).selectFrom('parked_events as p');
  if (filter.consumer !== undefined) query = query.where('p.consumer', '=', filter.consumer);
  if (filter.eventType !== undefined) query = query.where('p.event_type', '=', filter.eventType);
  if (filter.subject !== undefined) query = query.where('p.ordering_key', '=', filter.subject);
  const [rows, count] = await Promise.all([
    query
      .selectAll('p')
      .select(keyHead)
      .orderBy('p.parked_at')
      .orderBy('p.seq')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(inLine), total: Number(count.n) };
}

/** One parked event, or undefined when it is not (or no longer) parked. */
export async function findParked(
  db: Db,
  schema: string,
  seq: string,
): Promise<ParkedEventInLine | undefined> {
  const row = await parkingTables(db, schema)
    .selectFrom('parked_events as p')
    .selectAll('p')
    .select(keyHead)
    .where('p.seq', '=', seq)
    .executeTakeFirst();
  return row === undefined ? undefined : inLine(row);
}

/** The first parked event of `subject` for each consumer that has one: those that can run. */
export async function parkedKeyHeads(
  db: Db,
  schema: string,
  subject: string,
): Promise<ParkedEvent[]> {
  const rows = await parkingTables(db, schema)
    .selectFrom('parked_events as p')
    .selectAll('p')
    .where('p.ordering_key', '=', subject)
    .where(isKeyHead)
    .orderBy('p.consumer')
    .execute();
  return rows.map((row) => ({ ...row, seq: String(row.seq) }));
}
