-- Stock of each SKU in three buckets. `total` counts every unit ever put into stock, so the
-- last CHECK makes "total = available + reserved + sold, none negative" a rule the database
-- itself refuses to break, whatever a handler does.
CREATE TABLE products (
  sku        text PRIMARY KEY,
  name       text NOT NULL,
  unit_price integer NOT NULL CHECK (unit_price >= 0),
  currency   text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  total      integer NOT NULL,
  available  integer NOT NULL CHECK (available >= 0),
  reserved   integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  sold       integer NOT NULL DEFAULT 0 CHECK (sold >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (total = available + reserved + sold)
);

-- What inventory knows of each order. Also the lock that serialises the handlers of one order
-- (order.placed, order.cancelled and order.shipped arrive on different topics, possibly at once),
-- and the memory of a cancellation that arrived before its order.placed.
CREATE TABLE order_stock (
  order_id   text PRIMARY KEY,
  status     text NOT NULL
             CHECK (status IN ('NONE', 'RESERVED', 'REJECTED', 'RELEASED', 'SOLD', 'CANCELLED')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reservations (
  order_id   text NOT NULL REFERENCES order_stock (order_id),
  sku        text NOT NULL REFERENCES products (sku),
  quantity   integer NOT NULL CHECK (quantity > 0),
  status     text NOT NULL CHECK (status IN ('RESERVED', 'RELEASED', 'SOLD')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, sku)
);

CREATE INDEX reservations_sku_status ON reservations (sku, status);
