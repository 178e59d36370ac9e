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
    cancel_requested: ColumnType<boolean, boolean | undefined, boolean>;
    call_due_at: Date | null;
    call_attempts: ColumnType<number, number | undefined, number>;
    call_last_error: string | null;
    call_timed_out: ColumnType<boolean, boolean | undefined, boolean>;
    call_causation_id: string | null;
    call_correlation_id: string | null;
    call_traceparent: string | null;
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
