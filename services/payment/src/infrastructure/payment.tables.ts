import type { ColumnType } from 'kysely';
import type { PaymentStatus } from '../domain/payment.js';

/** The tables of migrations/, as Kysely sees them. */
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
  /** The simulated provider's durable memory (0002_simulated_ledger.sql). */
  simulated_ledger: {
    idempotency_key: string;
    kind: 'charge' | 'refund';
    request: string;
    outcome: 'succeeded' | 'declined';
    payment_id: string | null;
    refund_id: string | null;
    reason: string | null;
    amount: number;
    currency: string;
    recorded_at: ColumnType<Date, never, never>;
  };
}
