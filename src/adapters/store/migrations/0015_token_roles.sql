-- Roles (domain/permission.ts): a token is an admin, a supervisor or an agent (then of one agent).
-- Tokens made before roles keep every right they had: admin.
ALTER TABLE api_tokens ADD COLUMN role text NOT NULL DEFAULT 'admin' CHECK (role IN ('agent', 'supervisor', 'admin'));
ALTER TABLE api_tokens ADD COLUMN agent_id text;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_agent_role CHECK ((role = 'agent') = (agent_id IS NOT NULL));
