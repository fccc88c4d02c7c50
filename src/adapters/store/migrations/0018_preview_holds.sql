-- Preview dialling (src/engine/agentbox/preview.ts): the record an agent of a preview campaign is
-- looking at is held for that agent, so no other agent is offered it, until `until`; a skipped
-- record is set aside (agent_id NULL) until `until`. At most one row per record; a dial removes it.
CREATE TABLE preview_holds (
  operation_id  text NOT NULL,
  campaign_id   bigint NOT NULL,
  customer_id   text NOT NULL,
  agent_id      text,
  until         timestamptz NOT NULL,
  PRIMARY KEY (operation_id, campaign_id, customer_id),
  FOREIGN KEY (operation_id, campaign_id, customer_id) REFERENCES records ON DELETE CASCADE
);
-- The record an agent holds.
CREATE INDEX preview_holds_agent ON preview_holds (operation_id, agent_id) WHERE agent_id IS NOT NULL;
