-- One row per reserved line; the inbox, not a key, keeps a redelivered order from reserving twice.
CREATE TABLE reservations (
  id        bigserial PRIMARY KEY,
  order_id  text NOT NULL,
  sku       text NOT NULL,
  quantity  integer NOT NULL
);
