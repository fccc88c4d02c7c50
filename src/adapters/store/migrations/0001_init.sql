-- Pacer's schema, version 1. Times are timestamptz; "now" always comes from the engine's clock.

CREATE TABLE operations (
  id          text PRIMARY KEY CHECK (id ~ '^[0-9]{4}$'),
  name        text NOT NULL,
  time_zone   text NOT NULL DEFAULT 'America/Bogota',
  licenses    integer NOT NULL DEFAULT 10 CHECK (licenses >= 0),
  acw_s       integer NOT NULL DEFAULT 15 CHECK (acw_s >= 0),
  created_at  timestamptz NOT NULL
);

CREATE TABLE api_tokens (
  id            bigserial PRIMARY KEY,
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  hash          text NOT NULL UNIQUE,
  description   text NOT NULL DEFAULT '',
  daily_limit   integer,
  created_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);

-- One row per concurrent request a token may have in flight; a request holds a row lock on one.
-- Every token gets 100 slots (the highest PACER_TOKEN_CONCURRENCY); the limit picks how many count.
CREATE TABLE token_slots (
  token_id  bigint NOT NULL REFERENCES api_tokens ON DELETE CASCADE,
  slot      integer NOT NULL,
  PRIMARY KEY (token_id, slot)
);

CREATE FUNCTION pacer_token_slots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO token_slots (token_id, slot) SELECT NEW.id, s FROM generate_series(0, 99) s;
  RETURN NEW;
END $$;
CREATE TRIGGER api_tokens_slots AFTER INSERT ON api_tokens FOR EACH ROW EXECUTE FUNCTION pacer_token_slots();

CREATE TABLE token_usage (
  token_id  bigint NOT NULL REFERENCES api_tokens ON DELETE CASCADE,
  day       text NOT NULL,
  count     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (token_id, day)
);

CREATE TABLE aux_states (
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  id            integer NOT NULL,
  name          text NOT NULL,
  PRIMARY KEY (operation_id, id)
);

CREATE TABLE activity_codes (
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  grp           smallint NOT NULL CHECK (grp IN (1, 2)),
  code          text NOT NULL,
  name          text NOT NULL,
  PRIMARY KEY (operation_id, grp, code)
);

CREATE TABLE skills (
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  id            integer NOT NULL,
  name          text NOT NULL,
  PRIMARY KEY (operation_id, id)
);

CREATE TABLE agents (
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  id            text NOT NULL,
  name          text NOT NULL,
  state         text NOT NULL DEFAULT 'logout',
  aux_id        integer,
  next_state    text,
  next_aux_id   integer,
  state_since   timestamptz NOT NULL,
  call_id       text,
  last_call_id  text,
  display       jsonb NOT NULL DEFAULT '{"hungup": true, "disposition": true, "dial": true}',
  PRIMARY KEY (operation_id, id)
);
CREATE INDEX agents_ready ON agents (operation_id, state_since) WHERE state = 'ready';

CREATE TABLE agent_skills (
  operation_id  text NOT NULL,
  agent_id      text NOT NULL,
  skill_id      integer NOT NULL,
  PRIMARY KEY (operation_id, agent_id, skill_id),
  FOREIGN KEY (operation_id, agent_id) REFERENCES agents ON DELETE CASCADE
);

CREATE TABLE campaigns (
  operation_id    text NOT NULL REFERENCES operations ON DELETE CASCADE,
  id              bigint NOT NULL,
  name            text NOT NULL,
  description     text NOT NULL DEFAULT '',
  type            text NOT NULL CHECK (type IN ('predictive', 'preview')),
  dial_mode       text NOT NULL DEFAULT 'predictive',
  status          text NOT NULL DEFAULT 'stopped' CHECK (status IN ('started', 'stopped')),
  speed           integer NOT NULL DEFAULT 50 CHECK (speed BETWEEN 0 AND 100),
  skill_id        integer,
  start_time      text,
  end_time        text,
  enable_edition  boolean NOT NULL DEFAULT false,
  opt_titles      jsonb NOT NULL DEFAULT '{}',
  max_attempts    integer NOT NULL DEFAULT 3,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (operation_id, id)
);

CREATE TABLE records (
  operation_id      text NOT NULL,
  campaign_id       bigint NOT NULL,
  customer_id       text NOT NULL,
  data              jsonb NOT NULL,
  phones            text[] NOT NULL,
  status            text NOT NULL DEFAULT 'fresh',
  attempts          integer NOT NULL DEFAULT 0,
  last_result       text,
  next_attempt_at   timestamptz,
  recall_date       timestamptz,
  recall_telephone  text,
  cod_act           text,
  cod_act_2         text,
  comment           text,
  created_at        timestamptz NOT NULL,
  seq               bigserial,
  PRIMARY KEY (operation_id, campaign_id, customer_id),
  FOREIGN KEY (operation_id, campaign_id) REFERENCES campaigns ON DELETE CASCADE
);
-- Record selection: due recalls first, then fresh records in load order.
CREATE INDEX records_dialable ON records (operation_id, campaign_id, next_attempt_at, seq) WHERE status = 'fresh';
CREATE INDEX records_phone ON records USING gin (phones);

CREATE TABLE calls (
  id               text PRIMARY KEY,
  operation_id     text NOT NULL REFERENCES operations ON DELETE CASCADE,
  agent_id         text,
  campaign_id      bigint,
  customer_id      text,
  customer_name    text,
  phone            text NOT NULL,
  origin           text NOT NULL,
  state            text NOT NULL,
  held             boolean NOT NULL DEFAULT false,
  muted            boolean NOT NULL DEFAULT false,
  result           text,
  parent_call_id   text,
  placed_at        timestamptz NOT NULL,
  answered_at      timestamptz,
  connected_at     timestamptz,
  ended_at         timestamptz,
  cod_act          text,
  cod_act_2        text,
  comments         text,
  disposed_at      timestamptz
);
CREATE INDEX calls_agent ON calls (operation_id, agent_id, placed_at);
CREATE INDEX calls_live ON calls (operation_id) WHERE state <> 'ended';
CREATE INDEX calls_campaign ON calls (operation_id, campaign_id, placed_at) WHERE campaign_id IS NOT NULL;

CREATE TABLE callbacks (
  id            bigserial PRIMARY KEY,
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  agent_id      text,
  campaign_id   bigint,
  customer_id   text,
  phone         text NOT NULL,
  due_at        timestamptz NOT NULL,
  type_recall   text NOT NULL CHECK (type_recall IN ('auto', 'manual')),
  status        text NOT NULL DEFAULT 'pending',
  fired_at      timestamptz,
  call_id       text,
  created_at    timestamptz NOT NULL
);
CREATE INDEX callbacks_due ON callbacks (due_at) WHERE status IN ('pending', 'waiting');

CREATE TABLE events (
  id            bigserial PRIMARY KEY,
  operation_id  text NOT NULL,
  at            timestamptz NOT NULL,
  type          text NOT NULL,
  agent_id      text,
  campaign_id   bigint,
  call_id       text,
  data          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX events_operation ON events (operation_id, id);
