-- The Postgres event log, created in its own schema (the migrator sets search_path).
-- Design and the reasons behind it: packages/transport-pg-log/README.md.

-- The log. Readers go in (tx_id, seq) order and only below the oldest transaction still
-- running, so a row whose transaction commits late is never skipped by a reader already past it.
CREATE TABLE messages (
  seq           bigserial PRIMARY KEY,
  tx_id         xid8 NOT NULL DEFAULT pg_current_xact_id(),
  topic         text NOT NULL,
  partition     integer NOT NULL,
  message_key   text NOT NULL,
  headers       jsonb NOT NULL,
  payload       text NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_read ON messages (topic, partition, tx_id, seq);

-- Where each consumer group is in each partition, and which member may move it until when.
CREATE TABLE group_partitions (
  group_name   text NOT NULL,
  topic        text NOT NULL,
  partition    integer NOT NULL,
  tx_id        xid8 NOT NULL,
  seq          bigint NOT NULL,
  owner        text,
  lease_until  timestamptz,
  PRIMARY KEY (group_name, topic, partition)
);

-- The live members of each group; a member missing heartbeats past the lease is gone.
CREATE TABLE group_members (
  group_name    text NOT NULL,
  member_id     text NOT NULL,
  topics        text[] NOT NULL,
  heartbeat_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_name, member_id)
);

-- Settings every transport on this log must agree on (the partition count).
CREATE TABLE log_settings (
  name   text PRIMARY KEY,
  value  text NOT NULL
);
