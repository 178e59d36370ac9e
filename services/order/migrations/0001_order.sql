-- The order service's tables, created in its schema (the migrator sets search_path).

-- Event store: each order is a stream of events, the source of truth and the audit trail.
-- Writers append at the version after the one they read; the primary key turns a concurrent
-- append at the same version into a unique violation (optimistic concurrency).
CREATE TABLE order_events (
  stream_id       text NOT NULL,
  version         integer NOT NULL CHECK (version >= 1),
  type            text NOT NULL,
  data            jsonb NOT NULL,
  -- Never earlier than the previous event of the stream, so "as of" reads a prefix of it.
  recorded_at     timestamptz NOT NULL,
  event_id        uuid NOT NULL UNIQUE,
  correlation_id  text,
  causation_id    text,
  PRIMARY KEY (stream_id, version)
);

-- Read model: one row per order, written in the transaction that appends to its stream.
CREATE TABLE orders (
  id                   text PRIMARY KEY,
  customer_id          text NOT NULL,
  status               text NOT NULL,
  lines                jsonb NOT NULL,
  total                bigint NOT NULL CHECK (total >= 0),
  currency             text NOT NULL,
  cancellation_reason  text,
  cancellation_detail  text,
  version              integer NOT NULL,
  placed_at            timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, placed_at DESC, id DESC);
