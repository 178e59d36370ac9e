-- Parked events: the durable tier of retries. An event whose handler kept failing after its
-- quick in-place retries is parked here with the time of its next try, and the message is
-- acknowledged, so other keys on the partition keep flowing. While a (consumer, key) has a
-- parked event, later events for that key are parked behind it (retry_at = when they arrived)
-- and run only after it, in seq order: per-key order holds across the delay and restarts.
CREATE TABLE parked_events (
  seq              bigserial PRIMARY KEY,
  consumer         text NOT NULL,
  handler          text NOT NULL,
  ordering_key     text NOT NULL,
  event_id         uuid NOT NULL,
  event_type       text NOT NULL,
  topic            text NOT NULL,
  partition        integer NOT NULL,
  message_offset   text NOT NULL,
  message_key      text NOT NULL,
  headers          jsonb NOT NULL,
  payload          text NOT NULL,
  -- Tries so far, in place and delayed; the delayed ones pick the next delay.
  attempts         integer NOT NULL,
  delayed_attempts integer NOT NULL DEFAULT 0,
  retry_at         timestamptz NOT NULL,
  -- Null for an event parked only because an earlier one for its key waits.
  first_failed_at  timestamptz,
  last_error       text,
  last_error_stack text,
  parked_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (consumer, event_id)
);
CREATE INDEX parked_events_by_key ON parked_events (consumer, ordering_key, seq);
CREATE INDEX parked_events_due ON parked_events (retry_at);
