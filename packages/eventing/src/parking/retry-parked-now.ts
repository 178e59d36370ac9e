import type { Db } from '../sql/database.port.js';
import { findParked, parkedKeyHeads } from './parked-queries.js';
import { parkingTables } from './parked-table.js';
import type { ParkedEvent } from './parking-lot.js';

export type RetryNowOutcome = 'due-now' | 'already-due' | 'behind';

export interface RetryNowResult {
  readonly event: ParkedEvent;
  readonly outcome: RetryNowOutcome;
  /** When it is tried next, once it is the first of its key. */
  readonly retryAt: Date;
  /** For `behind`: the first parked event of its key, which must leave the lot first. */
  readonly blockedBy: string | null;
}

/**
 * Brings the next try of parked events forward to `now`, for an operator who fixed the cause:
 * the event `seq`, or the first parked event of `subject` of each consumer. Only the first
 * event of a (consumer, key) is ever tried (the poller and its claim check it), so moving its
 * time cannot reorder the key; an event behind another is reported `behind` and left as it is.
 * A try in flight makes the update wait for it; if it failed, its own reschedule may come
 * after and win, which is right: it was just tried. Answers undefined when `seq` is not
 * parked.
 */
export async function retryParkedNow(
  db: Db,
  schema: string,
  selection: { readonly seq?: string; readonly subject?: string },
  now = new Date(),
): Promise<RetryNowResult[] | undefined> {
  let heads: ParkedEvent[];
  if (selection.seq !== undefined) {
    const event = await findParked(db, schema, selection.seq);
    if (event === undefined) return undefined;
    if (event.key_head !== event.seq) {
      return [{ event, outcome: 'behind', retryAt: event.retry_at, blockedBy: event.key_head }];
    }
    heads = [event];
  } else if (selection.subject !== undefined) {
    heads = await parkedKeyHeads(db, schema, selection.subject);
  } else {
    throw new Error('select parked events by seq or by subject');
  }
  const waiting = heads.filter((head) => head.retry_at > now).map((head) => head.seq);
  const moved =
    waiting.length === 0
      ? []
      : await parkingTables(db, schema)
          .updateTable('parked_events')
          .set({ retry_at: now })
          .where('seq', 'in', waiting)
          .where('retry_at', '>', now)
          .returning('seq')
          .execute();
  const due = new Set(moved.map((row) => String(row.seq)));
  return heads.map((event) =>
    due.has(event.seq)
      ? { event, outcome: 'due-now', retryAt: now, blockedBy: null }
      : { event, outcome: 'already-due', retryAt: event.retry_at, blockedBy: null },
  );
}
