CREATE TABLE orders (
  id          text PRIMARY KEY,
  customer_id text NOT NULL,
  status      text NOT NULL
);
