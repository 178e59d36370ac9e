import type { Db, Tx } from '@eventmart/eventing';
import { InjectDb } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { PaymentStore } from '../application/payment-store.port.js';
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

  async save(tx: Tx, payment: Payment): Promise<void> {
    await typed(tx)
      .updateTable('payments')
      .set({
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
