-- Dead letters get a life cycle: open until an operator replays one successfully (replayed) or
-- gives up on it (discarded). Rows from before this migration are open.
ALTER TABLE dead_letters
  ADD COLUMN status       text NOT NULL DEFAULT 'open'
                          CHECK (status IN ('open', 'replayed', 'discarded')),
  ADD COLUMN resolved_at  timestamptz,
  ADD COLUMN resolved_by  text;
CREATE INDEX dead_letters_open ON dead_letters (created_at, id) WHERE status = 'open';
CREATE INDEX dead_letters_subject ON dead_letters (message_key);

-- Who replayed or discarded which dead letter, when, and what came of it. One row per dead
-- letter acted on, written in the transaction of the action itself: no action without its row.
-- No foreign key: the trail outlives a purge of old dead letters.
CREATE TABLE dead_letter_audit (
  id              uuid PRIMARY KEY,
  operation_id    uuid NOT NULL,
  at              timestamptz NOT NULL DEFAULT now(),
  actor           text NOT NULL,
  action          text NOT NULL CHECK (action IN ('replay', 'discard')),
  selection       jsonb NOT NULL,
  dead_letter_id  uuid NOT NULL,
  outcome         text NOT NULL,
  error           text,
  note            text
);
CREATE INDEX dead_letter_audit_dead_letter ON dead_letter_audit (dead_letter_id, at);
CREATE INDEX dead_letter_audit_operation ON dead_letter_audit (operation_id);
