-- Durable timers of one service: an event to publish at a due time, through the outbox.
-- Scheduled and cancelled in the caller's transaction; fired once by a TimerPoller, which
-- appends the event to the outbox and marks the row fired in one transaction.
CREATE TABLE timers (
  id              text PRIMARY KEY,
  subject         text NOT NULL,
  due_at          timestamptz NOT NULL,
  event_type      text NOT NULL,
  event_version   integer NOT NULL,
  topic           text NOT NULL,
  data            jsonb NOT NULL,
  -- The scheduling context, so the fired event joins the saga it belongs to.
  correlation_id  text,
  causation_id    text,
  traceparent     text,
  status          text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'fired', 'cancelled')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  fired_at        timestamptz,
  cancelled_at    timestamptz,
  -- The id of the event it fired as: find it in the outbox and downstream.
  event_id        uuid
);
CREATE INDEX timers_pending_due ON timers (due_at) WHERE status = 'pending';
