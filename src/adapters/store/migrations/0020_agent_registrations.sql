-- Registrations of agent phones (src/adapters/telephony/sip/registrar.ts): a phone set to register
-- (password NOT NULL) has at most one binding, kept here so that every Pacer process on the
-- database can call it. `registered_contact` is the URI Pacer calls (the source address when the
-- phone is behind NAT), `registered_given` the Contact as the phone sent it (what it unregisters
-- by), `registered_transport/address/port` where the REGISTER came from, `registered_until` when the
-- binding ends unless refreshed (compared with the engine's clock, never the database's). Changing
-- or removing the phone clears its binding.
ALTER TABLE agent_phones
  ADD COLUMN registered_contact    text,
  ADD COLUMN registered_given      text,
  ADD COLUMN registered_transport  text CHECK (registered_transport IN ('udp', 'tcp')),
  ADD COLUMN registered_address    text,
  ADD COLUMN registered_port       integer CHECK (registered_port BETWEEN 1 AND 65535),
  ADD COLUMN registered_user_agent text,
  ADD COLUMN registered_at         timestamptz,
  ADD COLUMN registered_until      timestamptz,
  ADD CONSTRAINT agent_phones_registration_whole CHECK (
    (registered_contact IS NULL) = (registered_until IS NULL)
    AND (registered_contact IS NULL) = (registered_given IS NULL)
    AND (registered_contact IS NULL) = (registered_transport IS NULL)
    AND (registered_contact IS NULL) = (registered_address IS NULL)
    AND (registered_contact IS NULL) = (registered_port IS NULL)
    AND (registered_contact IS NULL) = (registered_at IS NULL)),
  -- Only a phone that registers has a registration.
  ADD CONSTRAINT agent_phones_registration_mode CHECK (registered_contact IS NULL OR password IS NOT NULL);
-- Where registered phones are (the registrar's known peers).
CREATE INDEX agent_phones_registered ON agent_phones (registered_until) WHERE registered_contact IS NOT NULL;
