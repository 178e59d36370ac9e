-- The simulated payment provider's memory when it runs on PostgreSQL
-- (SimulatedPaymentProvider.forDatabase): one row per idempotency key that got a final answer,
-- so a key answers the same after a restart and money moves at most once per key. The provider
-- writes it outside the payment handlers' transactions, as a real provider keeps its own books:
-- a charge stays made even when the handler that asked for it rolls back.
-- Unused (and empty) when the simulator keeps its ledger in memory.
CREATE TABLE simulated_ledger (
  idempotency_key text PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('charge', 'refund')),
  -- What the key was first used for: reusing it for another request is refused.
  request         text NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('succeeded', 'declined')),
  -- A charge's own payment id; for a refund, the payment it refunds.
  payment_id      text,
  refund_id       text UNIQUE,
  reason          text,
  amount          integer NOT NULL CHECK (amount >= 0),
  currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (outcome = 'succeeded' OR (kind = 'charge' AND payment_id IS NULL AND reason IS NOT NULL)),
  CHECK (outcome = 'declined' OR payment_id IS NOT NULL),
  CHECK (kind = 'charge' OR refund_id IS NOT NULL)
);
CREATE UNIQUE INDEX simulated_ledger_charge ON simulated_ledger (payment_id) WHERE kind = 'charge';
CREATE INDEX simulated_ledger_refunds ON simulated_ledger (payment_id) WHERE kind = 'refund';

-- Money moved per charge: what an accountant (or a test asserting "charged at most once per
-- order") reads. eventmart charges with the order id as key, so charge_key is the order id.
CREATE VIEW simulated_ledger_totals AS
SELECT
  c.idempotency_key AS charge_key,
  c.payment_id,
  c.currency,
  c.amount AS charged,
  count(r.idempotency_key)::integer AS refunds,
  coalesce(sum(r.amount), 0)::integer AS refunded
FROM simulated_ledger c
LEFT JOIN simulated_ledger r ON r.kind = 'refund' AND r.payment_id = c.payment_id
WHERE c.kind = 'charge' AND c.outcome = 'succeeded'
GROUP BY c.idempotency_key, c.payment_id, c.currency, c.amount;
