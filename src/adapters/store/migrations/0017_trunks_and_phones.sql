-- SIP configuration: an operation's trunks, and each agent's phone (src/domain/trunk.ts,
-- agent-phone.ts). Passwords are kept as given, not hashed: digest authentication needs them (a
-- trunk answers its carrier's challenges with its password; the registrar checks an agent phone's
-- answers with its password); no read of the API returns them (README, Security).
CREATE TABLE trunks (
  id              bigserial PRIMARY KEY,
  operation_id    text NOT NULL REFERENCES operations ON DELETE CASCADE,
  uri             text NOT NULL,
  username        text,
  password        text,
  caller_id       text,
  max_calls       integer CHECK (max_calls BETWEEN 1 AND 10000),
  prefix          text NOT NULL DEFAULT '',
  strip           integer NOT NULL DEFAULT 0 CHECK (strip BETWEEN 0 AND 10),
  ring_timeout_s  integer NOT NULL DEFAULT 30 CHECK (ring_timeout_s BETWEEN 5 AND 300),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  -- A deleted trunk stays for the history of the calls it carried; its credentials are cleared.
  deleted_at      timestamptz,
  CHECK ((username IS NULL) = (password IS NULL))
);
-- The operation's trunks in id order: the first one not deleted is its default.
CREATE INDEX trunks_active ON trunks (operation_id, id) WHERE deleted_at IS NULL;

CREATE TABLE agent_phones (
  operation_id  text NOT NULL,
  agent_id      text NOT NULL,
  -- Exactly one: the password it registers with, or the fixed contact Pacer calls.
  password      text,
  contact       text,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (operation_id, agent_id),
  FOREIGN KEY (operation_id, agent_id) REFERENCES agents ON DELETE CASCADE,
  CHECK ((password IS NULL) <> (contact IS NULL))
);
