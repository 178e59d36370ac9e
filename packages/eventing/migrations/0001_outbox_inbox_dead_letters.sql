-- Eventing tables of one service, created in that service's schema (the migrator sets search_path).

-- Outbox: written in the same transaction as the state change; the relay sends what committed.
-- tx_id lets the relay read in commit-safe order: see docs/decisions/0004-postgres-event-log.md.
CREATE TABLE outbox (
  seq          bigserial PRIMARY KEY,
  tx_id        xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id     uuid NOT NULL UNIQUE,
  event_type   text NOT NULL,
  topic        text NOT NULL,
  message_key  text NOT NULL,
  headers      jsonb NOT NULL,
  payload      text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  sent_at      timestamptz,
  times_sent   integer NOT NULL DEFAULT 0,
  last_error   text
);
CREATE INDEX outbox_unsent ON outbox (tx_id, seq) WHERE sent_at IS NULL;

-- One row: which relay instance may send, until when. Keeps two replicas from relaying at once.
CREATE TABLE outbox_relay_lease (
  name        text PRIMARY KEY,
  owner       text NOT NULL,
  expires_at  timestamptz NOT NULL
);

-- Inbox: (consumer, event) recorded in the handler's own transaction, so an effect applies once.
CREATE TABLE inbox (
  consumer      text NOT NULL,
  event_id      uuid NOT NULL,
  event_type    text NOT NULL,
  status        text NOT NULL CHECK (status IN ('processed', 'dead-lettered')),
  processed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

-- Dead letters: what a consumer gave up on, with everything needed to understand and replay it.
CREATE TABLE dead_letters (
  id               uuid PRIMARY KEY,
  consumer         text NOT NULL,
  handler          text,
  reason           text NOT NULL,
  event_id         uuid,
  event_type       text,
  event_version    integer,
  topic            text NOT NULL,
  partition        integer,
  message_offset   text,
  message_key      text,
  headers          jsonb NOT NULL,
  payload          text NOT NULL,
  error            text NOT NULL,
  error_stack      text,
  attempts         integer NOT NULL,
  first_failed_at  timestamptz NOT NULL,
  last_failed_at   timestamptz NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dead_letters_event ON dead_letters (consumer, event_id) WHERE event_id IS NOT NULL;
CREATE UNIQUE INDEX dead_letters_position ON dead_letters (consumer, topic, partition, message_offset)
  WHERE event_id IS NULL;
