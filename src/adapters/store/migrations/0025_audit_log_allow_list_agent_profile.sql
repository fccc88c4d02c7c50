-- What configuration.php and information.php need beyond what the native API kept.
--
-- Agents: the wolkvox profile (agent_dni, agent_sso) and whether the agent may sign in at all
-- (disable_agent: a disabled agent cannot go ready, take an auxiliary state or sign in to the
-- console). Skills: a description; who has a skill, with an expertise (1–10). Activity codes: the
-- wolkvox flags (hit, rpc, chat, studio, voice, interactions), kept and shown; Pacer acts on none.
ALTER TABLE agents
  ADD COLUMN dni text NOT NULL DEFAULT '',
  ADD COLUMN sso text NOT NULL DEFAULT '',
  ADD COLUMN enabled boolean NOT NULL DEFAULT true;
ALTER TABLE skills ADD COLUMN description text NOT NULL DEFAULT '';
ALTER TABLE agent_skills ADD COLUMN expertise smallint NOT NULL DEFAULT 5 CHECK (expertise BETWEEN 1 AND 10);
ALTER TABLE activity_codes ADD COLUMN flags text[] NOT NULL DEFAULT '{}';

-- The audit log: every administrative change, by whom (a token's id, or user:<id> for the console),
-- from where (the request's address), through which face, what and on what. Append-only; read
-- newest first over a time range (information.php?api=audit_log, GET /v1/audit-log).
CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  at            timestamptz NOT NULL,
  actor         text NOT NULL,
  address       text,
  via           text NOT NULL CHECK (via IN ('wolkvox', 'native', 'console', 'admin')),
  action        text NOT NULL,
  target        text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (operation_id, at DESC, id DESC);

-- The addresses an operation's tokens may be used from (add_ip, remove_ip, get_ip). With none, any
-- address; with at least one live entry, only those. A temporary entry ends at expires_at.
CREATE TABLE allowed_addresses (
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  address       text NOT NULL,
  description   text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz,
  last_used_at  timestamptz,
  PRIMARY KEY (operation_id, address)
);
