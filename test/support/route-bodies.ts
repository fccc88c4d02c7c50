// Bodies that each native create or change accepts, by `METHOD /path` as /openapi.json names it:
// tests that call every route use them, so that a refusal comes from what they test, not the body.

export const bodies: Record<string, unknown> = {
  'PUT /v1/agents/{id}': { name: 'Intruder' },
  'PATCH /v1/agents/{id}': { name: 'Intruder' },
  'POST /v1/agents/{id}/status': { status: 'ready' },
  'POST /v1/agents/{id}/dial': { phone: '3009990000' },
  'POST /v1/agents/{id}/disposition': { cod_act: 'SALE' },
  'POST /v1/agents/{id}/transfer': { to: '3009990001' },
  'POST /v1/agents/{id}/dtmf': { tones: '1' },
  'POST /v1/agents/{id}/display': { button: 'dial', show: false },
  'POST /v1/agents/{id}/recall': { phone: '3009990002', at: '2030-01-01T00:00:00Z', type: 'auto' },
  'POST /v1/agents/{id}/preview/dial': { campaign_id: '999999', customer_id: '999999' },
  'POST /v1/agents/{id}/preview/skip': { campaign_id: '999999', customer_id: '999999' },
  'PUT /v1/agents/{id}/skills': { skills: [] },
  'PATCH /v1/callbacks/{id}': { due_at: '2030-01-01T00:00:00Z' },
  'PATCH /v1/campaigns/{id}': { speed: 1 },
  'POST /v1/campaigns/{id}/records': { records: [{ customer_id: '100001', tel1: '3009990003' }] },
  'PUT /v1/skills/{id}': { name: 'Intruder' },
  'PUT /v1/aux-states/{id}': { name: 'Intruder' },
  'PUT /v1/activity-codes/{group}/{code}': { name: 'Intruder' },
  'POST /v1/callbacks': { agent_id: '1001', phone: '3009990004', due_at: '2030-01-01T00:00:00Z', type: 'manual' },
  'POST /v1/tokens': { description: 'from a test' },
  'POST /v1/allowed-addresses': { address: '203.0.113.99' },
  'POST /v1/webhooks': { url: 'https://hooks.example/pacer' },
  'POST /v1/dnc': { phones: ['3009990005'] },
  'PUT /v1/outbound-policy': {},
  'POST /v1/campaigns': { type: 'predictive', name: 'From a test' },
  'POST /v1/users': { username: 'from-a-test', password: 'long enough', role: 'supervisor' },
  'PATCH /v1/users/{id}': { password: 'long enough' },
  'POST /v1/trunks': { uri: 'sip:from-a-test.example' },
  'PATCH /v1/trunks/{id}': { caller_id: '6009990000' },
  'PUT /v1/agents/{id}/phone': { password: 'from a test' },
};

/** Query strings the routes that require one accept, by `METHOD /path` (the reports' range). */
export const queries: Record<string, string> = {
  'GET /v1/reports/agent-time': '?from=2026-03-02T00:00:00-05:00&to=2026-03-03T00:00:00-05:00',
  'GET /v1/reports/calls': '?from=2026-03-02T00:00:00-05:00&to=2026-03-03T00:00:00-05:00',
};
