-- Do-not-call numbers per operation. A number is blocked until `expires_at` (null: for good);
-- the dialer never places a campaign call to a blocked number.
CREATE TABLE dnc_numbers (
  operation_id  text NOT NULL REFERENCES operations ON DELETE CASCADE,
  phone         text NOT NULL,
  reason        text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz,
  PRIMARY KEY (operation_id, phone)
);
