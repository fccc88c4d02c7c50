-- An agent phone's password is no longer kept (0017 kept it as given). The registrar needs only the
-- digest HA1, MD5("<user>:<realm>:<password>") (RFC 2617 §3.2.2.2; MD5 is what phones answer with),
-- and an agent phone's user and realm are fixed, `<operation>-<agent>` and `<operation>.pacer`
-- (src/domain/registration-user.ts): so the HA1 is computed once, when the phone is set
-- (src/engine/telephony/digest-ha1.ts), and the table and its backups no longer hold the password
-- (which its agent may use elsewhere too). They stay secret all the same: an HA1 answers its realm's
-- challenges, and MD5 is fast to guess a weak password from. Rows of before get the same HA1 here;
-- the checks that named `password` (0017's one mode, 0020's registration only for a phone that
-- registers) now name `password_ha1`.
ALTER TABLE agent_phones ADD COLUMN password_ha1 text;
UPDATE agent_phones SET password_ha1 = md5(operation_id || '-' || agent_id || ':' || operation_id || '.pacer:' || password)
  WHERE password IS NOT NULL;
ALTER TABLE agent_phones
  DROP CONSTRAINT agent_phones_registration_mode,
  -- 0017's check was not named: PostgreSQL named it after the table.
  DROP CONSTRAINT agent_phones_check,
  DROP COLUMN password,
  -- Exactly one: the HA1 of the password it registers with, or the fixed contact Pacer calls.
  ADD CONSTRAINT agent_phones_mode CHECK ((password_ha1 IS NULL) <> (contact IS NULL)),
  -- Only a phone that registers has a registration.
  ADD CONSTRAINT agent_phones_registration_mode CHECK (registered_contact IS NULL OR password_ha1 IS NOT NULL);
