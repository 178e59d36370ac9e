-- CONFIRMED: the order's stock is still held, and order.confirmed was seen, so the reservation
-- no longer expires (its expiry timer lives in the eventing `timers` table).
ALTER TABLE order_stock DROP CONSTRAINT order_stock_status_check;
ALTER TABLE order_stock ADD CONSTRAINT order_stock_status_check
  CHECK (status IN ('NONE', 'RESERVED', 'CONFIRMED', 'REJECTED', 'RELEASED', 'SOLD', 'CANCELLED'));
