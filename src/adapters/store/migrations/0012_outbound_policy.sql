-- Each operation's outbound-number policy (src/domain/outbound-number.ts), as the native API writes
-- it: {"country_code", "min_digits", "allowed_prefixes", "blocked_prefixes"}; a missing field takes
-- its default, so '{}' is the default policy.
ALTER TABLE operations ADD COLUMN outbound_policy jsonb NOT NULL DEFAULT '{}';
