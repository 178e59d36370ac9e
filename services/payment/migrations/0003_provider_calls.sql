-- Provider calls leave the handlers' transactions. A handler decides and records what is owed
-- (CHARGING: a charge to make; REFUNDING: a refund to make) with the cause it came from; a
-- poller in the payment service makes the call with no transaction open, then records the
-- answer and publishes the outcome in a short transaction. The idempotency keys (the order id,
-- refund:<order id>) make a repeated call answer the first one's result, so a crash between
-- the call and the record costs a repeat, never a second charge.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN (
  'PENDING', 'CHARGING', 'SUCCEEDED', 'DECLINED', 'TIMED_OUT', 'REFUNDING', 'REFUNDED',
  'CANCELLED_BEFORE_CHARGE'));
-- The order was cancelled while its charge was being made: refund it if it succeeds.
ALTER TABLE payments ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
-- When the owed call may next be made: set when it becomes owed, pushed on by each try
-- (a lease while the call runs, a backoff after a failure), cleared once it is answered.
ALTER TABLE payments ADD COLUMN call_due_at timestamptz;
ALTER TABLE payments ADD COLUMN call_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN call_last_error text;
-- The event that made the call owed: the outcome event carries its correlation and cause.
ALTER TABLE payments ADD COLUMN call_causation_id text;
ALTER TABLE payments ADD COLUMN call_correlation_id text;
ALTER TABLE payments ADD COLUMN call_traceparent text;
ALTER TABLE payments ADD CONSTRAINT payments_call_owed CHECK (
  (status IN ('CHARGING', 'REFUNDING')) = (call_due_at IS NOT NULL));
CREATE INDEX payments_calls_due ON payments (call_due_at) WHERE call_due_at IS NOT NULL;
