-- One pacing owner per started campaign across the processes sharing a database: the process that
-- holds a campaign's lease (owner, until expires_at) is the only one that paces it. The owner
-- renews it every few seconds; a process that dies stops renewing, and another takes the lease
-- once it has expired. A graceful stop releases (owner NULL). `since`: when the campaign was first
-- paced after it was started; a new owner rebuilds its strategy from the campaign's calls since
-- then (docs/dialer.md). The row of a campaign no longer started is deleted, so the next start
-- begins a new history.
CREATE TABLE pacing_leases (
  operation_id  text NOT NULL,
  campaign_id   bigint NOT NULL,
  owner         text,
  expires_at    timestamptz NOT NULL,
  since         timestamptz NOT NULL,
  PRIMARY KEY (operation_id, campaign_id),
  FOREIGN KEY (operation_id, campaign_id) REFERENCES campaigns ON DELETE CASCADE
);
