-- One shipment per confirmed order. Order and customer ids come from the order service: text.
CREATE TABLE shipments (
  id               uuid PRIMARY KEY,
  order_id         text NOT NULL UNIQUE,
  customer_id      text NOT NULL,
  status           text NOT NULL CHECK (status IN ('READY', 'SHIPPED', 'CANCELLED')),
  carrier          text,
  tracking_number  text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  shipped_at       timestamptz,
  cancelled_at     timestamptz
);

-- Every order.cancelled seen, with or without a shipment: order.cancelled and order.confirmed
-- travel on different topics, and a cancellation that comes first must stop the shipment
-- the confirmation would create.
CREATE TABLE cancelled_orders (
  order_id      text PRIMARY KEY,
  reason        text NOT NULL,
  cancelled_at  timestamptz NOT NULL DEFAULT now()
);
