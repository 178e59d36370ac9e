-- Who to write to: a projection of user.registered, so that sending never calls the user service.
CREATE TABLE users (
  id             text PRIMARY KEY,
  email          text NOT NULL,
  name           text NOT NULL,
  registered_at  timestamptz NOT NULL DEFAULT now()
);

-- Every e-mail sent (over SMTP or only kept here, the development mailbox): the sent log.
CREATE TABLE mails (
  id          uuid PRIMARY KEY,
  -- One e-mail per event: a replay that gets past the inbox finds its mail already here.
  event_id    uuid NOT NULL UNIQUE,
  -- <event_id@domain>: the same for every attempt, so receivers can drop a duplicate.
  message_id  text NOT NULL,
  "to"        text NOT NULL,
  subject     text NOT NULL,
  template    text NOT NULL,
  text        text NOT NULL,
  order_id    text,
  user_id     text,
  channel     text NOT NULL CHECK (channel IN ('smtp', 'mailbox')),
  sent_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mails_sent_at ON mails (sent_at DESC, id DESC);
CREATE INDEX mails_to_sent_at ON mails (lower("to"), sent_at DESC, id DESC);
