-- Webhooks: subscriptions per operation, and a durable delivery log. A subscription reads the
-- event log after its own cursor (event seq), so deliveries survive restarts and nothing is
-- delivered twice by two processes (rows are claimed with FOR UPDATE SKIP LOCKED).
CREATE TABLE webhooks (
  id            bigserial PRIMARY KEY,
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  url           text NOT NULL,
  secret        text NOT NULL,
  types         text[] NOT NULL DEFAULT '{}',
  cursor_seq    bigint NOT NULL,
  created_at    timestamptz NOT NULL,
  deleted_at    timestamptz
);
CREATE INDEX webhooks_active ON webhooks (operation_id) WHERE deleted_at IS NULL;

CREATE TABLE webhook_deliveries (
  id               bigserial PRIMARY KEY,
  webhook_id       bigint NOT NULL REFERENCES webhooks ON DELETE CASCADE,
  event_seq        bigint NOT NULL,
  event_type       text NOT NULL,
  body             text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_status      integer,
  last_error       text,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  UNIQUE (webhook_id, event_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
