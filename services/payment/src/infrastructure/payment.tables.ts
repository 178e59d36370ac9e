import type { ColumnType } from 'kysely';
import type { PaymentStatus } from '../domain/payment.js';

/** The table of migrations/0001_payment.sql, as Kysely sees it. */
export interface PaymentTables {
  payments: {
    order_id: string;
    status: PaymentStatus;
    amount: number | null;
    currency: string | null;
    payment_token: string | null;
    stock_reserved: boolean;
    payment_id: string | null;
    provider_reason: string | null;
    charged_at: Date | null;
    refunded_at: Date | null;
    created_at: ColumnType<Date, never, never>;
    updated_at: ColumnType<Date, never, Date>;
  };
}
