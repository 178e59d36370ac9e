import type { Db, Tx } from '@eventmart/eventing';
import { InjectDb } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { PaymentStore, PROVIDER_CALLS_CHANNEL } from '../application/payment-store.port.js';
import { newPayment, type Payment } from '../domain/payment.js';
import type { PaymentTables } from './payment.tables.js';

type Row = Selectable<PaymentTables['payments']>;

const typed = (tx: Tx): Transaction<PaymentTables> => tx as Transaction<PaymentTables>;

const toPayment = (row: Row): Payment => ({
  orderId: row.order_id,
  status: row.status,
  amount: row.amount,
  currency: row.currency,
  token: row.payment_token,
  stockReserved: row.stock_reserved,
  paymentId: row.payment_id,
  providerReason: row.provider_reason,
  chargedAt: row.charged_at,
  refundedAt: row.refunded_at,
  cancelRequested: row.cancel_requested,
  owedCall:
    row.call_due_at === null
      ? null
      : {
          dueAt: row.call_due_at,
          attempts: row.call_attempts,
          lastError: row.call_last_error,
          timedOut: row.call_timed_out,
          cause: {
            causationId: row.call_causation_id,
            correlationId: row.call_correlation_id,
            traceparent: row.call_traceparent,
          },
        },
});

@Injectable()
export class KyselyPaymentStore extends PaymentStore {
  private readonly db: Kysely<PaymentTables>;

  constructor(@InjectDb() db: Db) {
    super();
    this.db = db as Kysely<PaymentTables>;
  }

  async lock(tx: Tx, orderId: string): Promise<Payment> {
    const fresh = newPayment(orderId);
    // An upsert that changes nothing: it creates the row or, if one exists, waits for and takes
    // its row lock, in one statement and without a race between the two cases.
    const row = await typed(tx)
      .insertInto('payments')
      .values({ order_id: orderId, status: fresh.status, stock_reserved: fresh.stockReserved })
      .onConflict((oc) =>
        oc.column('order_id').doUpdateSet((eb) => ({ order_id: eb.ref('excluded.order_id') })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPayment(row);
  }

  async lockExisting(tx: Tx, orderId: string): Promise<Payment | undefined> {
    const row = await typed(tx)
      .selectFrom('payments')
      .selectAll()
      .where('order_id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
    return row === undefined ? undefined : toPayment(row);
  }

  async save(tx: Tx, payment: Payment): Promise<void> {
    const call = payment.owedCall;
    await typed(tx)
      .updateTable('payments')
      .set({
        cancel_requested: payment.cancelRequested,
        call_due_at: call?.dueAt ?? null,
        call_attempts: call?.attempts ?? 0,
        call_last_error: call?.lastError ?? null,
        call_timed_out: call?.timedOut ?? false,
        call_causation_id: call?.cause.causationId ?? null,
        call_correlation_id: call?.cause.correlationId ?? null,
        call_traceparent: call?.cause.traceparent ?? null,
        status: payment.status,
        amount: payment.amount,
        currency: payment.currency,
        payment_token: payment.token,
        stock_reserved: payment.stockReserved,
        payment_id: payment.paymentId,
        provider_reason: payment.providerReason,
        charged_at: payment.chargedAt,
        refunded_at: payment.refundedAt,
        updated_at: new Date(),
      })
      .where('order_id', '=', payment.orderId)
      .execute();
    if (call !== null && call.attempts === 0) {
      await sql`SELECT pg_notify(${PROVIDER_CALLS_CHANNEL}, ${payment.orderId})`.execute(tx);
    }
  }

  async claimDueCalls(now: Date, leaseUntil: Date, limit: number): Promise<Payment[]> {
    return this.db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('payments')
        .select('order_id')
        .where('call_due_at', '<=', now)
        .orderBy('call_due_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      const rows = await tx
        .updateTable('payments')
        .set((eb) => ({ call_due_at: leaseUntil, call_attempts: eb('call_attempts', '+', 1) }))
        .where(
          'order_id',
          'in',
          due.map((row) => row.order_id),
        )
        .returningAll()
        .execute();
      return rows.map(toPayment);
    });
  }

  async nextCallDueAt(): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('payments')
      .select((eb) => eb.fn.min('call_due_at').as('next'))
      .executeTakeFirst();
    return row?.next ?? undefined;
  }

  async find(orderId: string): Promise<Payment | undefined> {
    const row = await this.db
      .selectFrom('payments')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row === undefined ? undefined : toPayment(row);
  }
}
