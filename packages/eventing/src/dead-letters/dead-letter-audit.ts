import { v7 as uuidv7 } from 'uuid';
import type { Db, Tx } from '../sql/database.port.js';
import type { DeadLetterOutcome } from './dead-letter-outcome.js';
import { deadLetterTables, type DeadLetterAction } from './dead-letter-tables.js';

/** One line of the audit trail: what an operator did to one dead letter, and what came of it. */
export interface DeadLetterAuditEntry {
  readonly id: string;
  /** Shared by the entries of one replay or discard call. */
  readonly operationId: string;
  readonly at: Date;
  readonly actor: string;
  readonly action: DeadLetterAction;
  /** The selection as the operator gave it (ids, subject, eventType or all). */
  readonly selection: Readonly<Record<string, unknown>>;
  readonly deadLetterId: string;
  readonly outcome: DeadLetterOutcome;
  readonly error: string | null;
  readonly note: string | null;
}

export type NewAuditEntry = Omit<DeadLetterAuditEntry, 'id' | 'at'>;

/** Writes the entry in the caller's transaction: the one that carries the action's effect. */
export async function recordAudit(tx: Tx, schema: string, entry: NewAuditEntry): Promise<void> {
  await deadLetterTables(tx, schema)
    .insertInto('dead_letter_audit')
    .values({
      id: uuidv7(),
      operation_id: entry.operationId,
      actor: entry.actor,
      action: entry.action,
      selection: JSON.stringify(entry.selection),
      dead_letter_id: entry.deadLetterId,
      outcome: entry.outcome,
      error: entry.error,
      note: entry.note,
    })
    .execute();
}

/** The trail of one dead letter, oldest first. */
export async function auditOf(
  db: Db,
  schema: string,
  deadLetterId: string,
): Promise<DeadLetterAuditEntry[]> {
  const rows = await deadLetterTables(db, schema)
    .selectFrom('dead_letter_audit')
    .selectAll()
    .where('dead_letter_id', '=', deadLetterId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    operationId: row.operation_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    selection: row.selection,
    deadLetterId: row.dead_letter_id,
    outcome: row.outcome as DeadLetterOutcome,
    error: row.error,
    note: row.note,
  }));
}
