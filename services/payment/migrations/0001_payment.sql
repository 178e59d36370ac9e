-- One payment per order. It is created by whichever of order.placed, stock.reserved and
-- order.cancelled arrives first, so the order's details may still be missing (NULL).
CREATE TABLE payments (
  order_id        text PRIMARY KEY,
  status          text NOT NULL CHECK (status IN (
                    'PENDING', 'SUCCEEDED', 'DECLINED', 'TIMED_OUT', 'REFUNDED',
                    'CANCELLED_BEFORE_CHARGE')),
  -- From order.placed: what to charge.
  amount          integer CHECK (amount >= 0),
  currency        text CHECK (currency ~ '^[A-Z]{3}$'),
  -- The card token, kept only while a charge may still be made: erased once decided.
  payment_token   text,
  -- From stock.reserved: the go-ahead to charge.
  stock_reserved  boolean NOT NULL DEFAULT false,
  payment_id      text,
  provider_reason text,
  charged_at      timestamptz,
  refunded_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'PENDING' OR payment_id IS NULL),
  CHECK (status NOT IN ('SUCCEEDED', 'REFUNDED') OR (payment_id IS NOT NULL AND charged_at IS NOT NULL))
);
