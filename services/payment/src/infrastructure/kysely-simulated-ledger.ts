import type { Db } from '@eventmart/eventing';
import type { Kysely, Selectable } from 'kysely';
import type { PaymentTables } from './payment.tables.js';
import type { ChargeBalance, RecordedAnswer, SimulatedLedgerStore } from './simulated-ledger.js';

type Row = Selectable<PaymentTables['simulated_ledger']>;

const toAnswer = (row: Row): RecordedAnswer => ({
  idempotencyKey: row.idempotency_key,
  kind: row.kind,
  request: row.request,
  outcome: row.outcome,
  paymentId: row.payment_id,
  refundId: row.refund_id,
  reason: row.reason,
  amount: row.amount,
  currency: row.currency,
});

const toRow = (answer: RecordedAnswer) => ({
  idempotency_key: answer.idempotencyKey,
  kind: answer.kind,
  request: answer.request,
  outcome: answer.outcome,
  payment_id: answer.paymentId,
  refund_id: answer.refundId,
  reason: answer.reason,
  amount: answer.amount,
  currency: answer.currency,
});

/**
 * The simulator's answers in `simulated_ledger` (migrations/0002_simulated_ledger.sql), so
 * they outlive the process and are shared by every payment process on the database. `db`
 * is scoped to the payment schema. It is written beside the caller's transaction, not in it,
 * so it needs a connection of its own: PostgreSQL, not PGlite's single connection.
 */
export class KyselySimulatedLedger implements SimulatedLedgerStore {
  private readonly db: Kysely<PaymentTables>;

  constructor(db: Db) {
    this.db = db as Kysely<PaymentTables>;
  }

  async find(idempotencyKey: string): Promise<RecordedAnswer | undefined> {
    const row = await this.db
      .selectFrom('simulated_ledger')
      .selectAll()
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    return row === undefined ? undefined : toAnswer(row);
  }

  record(answer: RecordedAnswer): Promise<RecordedAnswer> {
    return insertOrKeep(this.db, answer);
  }

  recordRefund(
    idempotencyKey: string,
    paymentId: string,
    decide: (balance: ChargeBalance | undefined) => RecordedAnswer,
  ): Promise<RecordedAnswer> {
    return this.db.transaction().execute(async (tx) => {
      // The charge's row lock keeps two refunds of one payment from both seeing room left.
      const charge = await tx
        .selectFrom('simulated_ledger')
        .selectAll()
        .where('kind', '=', 'charge')
        .where('payment_id', '=', paymentId)
        .forUpdate()
        .executeTakeFirst();
      const existing = await tx
        .selectFrom('simulated_ledger')
        .selectAll()
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirst();
      if (existing !== undefined) return toAnswer(existing);
      let balance: ChargeBalance | undefined;
      if (charge !== undefined) {
        const { refunded } = await tx
          .selectFrom('simulated_ledger')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('refunded'))
          .where('kind', '=', 'refund')
          .where('payment_id', '=', paymentId)
          .executeTakeFirstOrThrow();
        balance = { charge: toAnswer(charge), refunded: Number(refunded) };
      }
      return insertOrKeep(tx, decide(balance));
    });
  }
}

/**
 * Insert-or-keep: of two processes racing on a key, one row wins and the other reads it
 * back (the unique key makes the loser's insert a no-op).
 */
async function insertOrKeep(
  db: Kysely<PaymentTables>,
  answer: RecordedAnswer,
): Promise<RecordedAnswer> {
  const inserted = await db
    .insertInto('simulated_ledger')
    .values(toRow(answer))
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted !== undefined) return toAnswer(inserted);
  const existing = await db
    .selectFrom('simulated_ledger')
    .selectAll()
    .where('idempotency_key', '=', answer.idempotencyKey)
    .executeTakeFirstOrThrow();
  return toAnswer(existing);
}
