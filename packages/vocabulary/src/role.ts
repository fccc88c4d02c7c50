// Who may do what in an operation. `agent`: acts on itself only (its state, calls, dispositions,
// callbacks). `supervisor`: runs the floor (agents, campaigns, records, callbacks, DNC, activity
// codes, auxiliary states). `admin`: everything of the operation (also tokens, webhooks, the
// outbound policy). Each role has the rights of the ones before it.
export const roles = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];
