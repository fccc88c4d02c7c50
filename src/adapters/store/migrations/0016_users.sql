-- People who sign in to the console: users of an operation with a role (as tokens have), a
-- password kept as a scrypt hash, and failed sign-ins counted so that guessing is slowed. A session
-- is kept by the hash of its cookie value; a revoked user's sessions end with it.
CREATE TABLE users (
  id               bigserial PRIMARY KEY,
  operation_id     text NOT NULL REFERENCES operations ON DELETE CASCADE,
  username         text NOT NULL,
  password_hash    text NOT NULL,
  role             text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  agent_id         text,
  failed_sign_ins  integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL,
  deleted_at       timestamptz,
  CHECK ((role = 'agent') = (agent_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_username ON users (operation_id, lower(username)) WHERE deleted_at IS NULL;
CREATE INDEX users_by_name ON users (lower(username)) WHERE deleted_at IS NULL;

CREATE TABLE sessions (
  hash          text PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  csrf          text NOT NULL,
  created_at    timestamptz NOT NULL,
  seen_at       timestamptz NOT NULL,
  ended_at      timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE ended_at IS NULL;
