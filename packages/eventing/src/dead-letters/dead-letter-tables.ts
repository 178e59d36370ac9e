import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Db } from '../sql/database.port.js';
import type { DeadLetterTable, InboxTable } from '../sql/tables.js';

/** Where a dead letter stands: open until replayed successfully or discarded by an operator. */
export type DeadLetterStatus = 'open' | 'replayed' | 'discarded';

export const DEAD_LETTER_STATUSES: readonly DeadLetterStatus[] = ['open', 'replayed', 'discarded'];

/** The columns migration 0002 adds to dead_letters. */
export interface DeadLetterLifecycleColumns {
  status: Generated<DeadLetterStatus>;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export type DeadLetterAction = 'replay' | 'discard';

export interface DeadLetterAuditTable {
  id: string;
  operation_id: string;
  at: Generated<Date>;
  actor: string;
  action: DeadLetterAction;
  selection: ColumnType<Record<string, unknown>, string, string>;
  dead_letter_id: string;
  outcome: string;
  error: string | null;
  note: string | null;
}

export interface DeadLetterTables {
  dead_letters: DeadLetterTable & DeadLetterLifecycleColumns;
  dead_letter_audit: DeadLetterAuditTable;
  inbox: InboxTable;
}

/** A dead_letters row as read. */
export type DeadLetterRow = Selectable<DeadLetterTables['dead_letters']>;

/** The dead-letter tables of `schema`, typed, on a database or inside a transaction. */
export function deadLetterTables(db: Db, schema: string): Kysely<DeadLetterTables> {
  return db.withSchema(schema) as Kysely<DeadLetterTables>;
}
