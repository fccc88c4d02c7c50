-- Idempotency-Key of the native API's creates: the first request with a key stores its answer;
-- a retry with the same key and body gets that answer again instead of creating twice.
CREATE TABLE idempotency_keys (
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  status_code   integer,
  response      text,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (operation_id, key)
);
