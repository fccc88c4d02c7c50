// Roles (src/domain/permission.ts): every /v1 route of the OpenAPI document is classified here by
// what it needs, and called with an agent token and a supervisor token. An agent acts on itself
// only and reads only its own calls, callbacks and events; a supervisor runs the floor but holds
// no keys (tokens, webhooks, the outbound policy); a token never makes a token above its own role.
// The wolkvox face obeys the same roles. A route added without a line here fails the test.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';
import { bodies, queries } from './support/route-bodies.ts';

after(stopSharedEmbedded);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `self`: on one agent, the agent itself or a supervisor; `member`: any role (an agent sees its own). */
type Need = 'member' | 'self' | 'supervisor' | 'admin';

const needs: Record<string, Need> = {
  'GET /v1/agents': 'member', 'GET /v1/agents/{id}': 'self', 'PUT /v1/agents/{id}': 'supervisor', 'DELETE /v1/agents/{id}': 'supervisor',
  'PATCH /v1/agents/{id}': 'supervisor', 'POST /v1/agents/{id}/enable': 'supervisor', 'POST /v1/agents/{id}/disable': 'supervisor',
  'POST /v1/agents/{id}/status': 'self', 'POST /v1/agents/{id}/dial': 'self', 'POST /v1/agents/{id}/hold': 'self',
  'POST /v1/agents/{id}/mute': 'self', 'POST /v1/agents/{id}/hang': 'self', 'POST /v1/agents/{id}/disposition': 'self',
  'POST /v1/agents/{id}/transfer': 'self', 'POST /v1/agents/{id}/dtmf': 'self', 'POST /v1/agents/{id}/recall': 'self',
  'POST /v1/agents/{id}/preview': 'self', 'POST /v1/agents/{id}/preview/dial': 'self', 'POST /v1/agents/{id}/preview/skip': 'self',
  'POST /v1/agents/{id}/display': 'supervisor', 'PUT /v1/agents/{id}/skills': 'supervisor',
  'GET /v1/callbacks': 'member', 'GET /v1/callbacks/{id}': 'member', 'POST /v1/callbacks': 'self',
  'PATCH /v1/callbacks/{id}': 'member', 'POST /v1/callbacks/{id}/cancel': 'member',
  'GET /v1/calls': 'member', 'GET /v1/calls/{id}': 'member', 'GET /v1/calls/{id}/record': 'member',
  'GET /v1/campaigns': 'member', 'POST /v1/campaigns': 'supervisor', 'GET /v1/campaigns/{id}': 'member',
  'PATCH /v1/campaigns/{id}': 'supervisor', 'DELETE /v1/campaigns/{id}': 'supervisor', 'GET /v1/campaigns/{id}/stats': 'supervisor', 'GET /v1/campaigns/{id}/stats/series': 'supervisor',
  'GET /v1/reports/agent-time': 'supervisor', 'GET /v1/reports/calls': 'supervisor', 'GET /v1/real-time/agents': 'supervisor',
  'POST /v1/campaigns/{id}/records': 'supervisor', 'GET /v1/records': 'supervisor',
  'GET /v1/campaigns/{id}/records/{customer_id}': 'supervisor', 'DELETE /v1/campaigns/{id}/records/{customer_id}': 'supervisor',
  'GET /v1/aux-states': 'member', 'PUT /v1/aux-states/{id}': 'supervisor', 'DELETE /v1/aux-states/{id}': 'supervisor',
  'GET /v1/activity-codes': 'member', 'PUT /v1/activity-codes/{group}/{code}': 'supervisor', 'DELETE /v1/activity-codes/{group}/{code}': 'supervisor',
  'GET /v1/outbound-policy': 'supervisor', 'PUT /v1/outbound-policy': 'admin',
  'GET /v1/dnc': 'supervisor', 'POST /v1/dnc': 'supervisor', 'DELETE /v1/dnc/{phone}': 'supervisor',
  'GET /v1/events': 'member', 'GET /v1/events/latest': 'member', 'GET /v1/events/stream': 'member',
  'GET /v1/skills': 'member', 'PUT /v1/skills/{id}': 'supervisor',
  'GET /v1/operation': 'member',
  'GET /v1/tokens': 'admin', 'POST /v1/tokens': 'admin', 'DELETE /v1/tokens/{id}': 'admin',
  // Who changed what, and where tokens may come from: the admin's.
  'GET /v1/audit-log': 'admin', 'GET /v1/allowed-addresses': 'admin', 'POST /v1/allowed-addresses': 'admin', 'DELETE /v1/allowed-addresses/{address}': 'admin',
  'GET /v1/users': 'admin', 'POST /v1/users': 'admin', 'GET /v1/users/{id}': 'admin', 'PATCH /v1/users/{id}': 'admin', 'DELETE /v1/users/{id}': 'admin',
  // Signing in and out is anyone's: the session's own routes read its cookie.
  'POST /v1/session': 'member', 'GET /v1/session': 'member', 'DELETE /v1/session': 'member',
  'POST /v1/webhooks': 'admin', 'GET /v1/webhooks': 'admin', 'DELETE /v1/webhooks/{id}': 'admin', 'GET /v1/webhooks/{id}/deliveries': 'admin',
  // Trunks: where calls go and the carrier's credentials. An agent reads its own phone; the floor provisions phones.
  'POST /v1/trunks': 'admin', 'GET /v1/trunks': 'admin', 'GET /v1/trunks/{id}': 'admin', 'PATCH /v1/trunks/{id}': 'admin', 'DELETE /v1/trunks/{id}': 'admin',
  'GET /v1/agents/{id}/phone': 'self', 'PUT /v1/agents/{id}/phone': 'supervisor', 'DELETE /v1/agents/{id}/phone': 'supervisor',
};

async function v1(p: TestPacer, token: string, method: Method, url: string, body?: unknown) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, body: r.body, json: r.json as Record<string, any> };
}

const forbidden = (r: { status: number; json: Record<string, any> }) => r.status === 403 && r.json.error?.code === 'ROLE_FORBIDDEN';

for (const { kind, skip } of await storeKinds()) {
  describe(`roles on ${kind}`, { skip }, () => {
    test('every route: an agent token acts on itself only, a supervisor token holds no keys', async () => {
      const p = await testPacer(kind, { env: { PACER_NATIVE_RATE: '100000' } });
      try {
        const admin = (method: Method, url: string, body?: unknown) => v1(p, TOKEN, method, url, body);
        const made = async (body: Record<string, unknown>) => {
          const r = await admin('POST', '/v1/tokens', body);
          assert.equal(r.status, 201, r.body);
          return String(r.json.token);
        };
        const agent = await made({ description: 'agent 1001', role: 'agent', agent_id: '1001' });
        const supervisorToken = await made({ description: 'floor', role: 'supervisor' });

        const doc = (await p.call({ method: 'GET', url: '/openapi.json' })).json as unknown as { paths: Record<string, Record<string, unknown>> };
        const routes = Object.entries(doc.paths).filter(([path]) => !path.startsWith('/v1/operations'))
          .flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase() as Method, path })));
        const unclassified = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in needs));
        assert.deepEqual(unclassified, [], 'every route says what it needs');

        // Ids that exist for the agent's own routes; ids that do not exist elsewhere, so that an
        // allowed request changes nothing (it answers 404 or 409, never ROLE_FORBIDDEN).
        const fill = (path: string, agentId: string) => path.replace('/v1/agents/{id}', `/v1/agents/${agentId}`)
          .replace('{id}', '999999').replace('{customer_id}', '999999').replace('{group}', '1').replace('{code}', 'NOPE').replace('{phone}', '3000000000')
          .replace('{address}', '203.0.113.99') + (queries[`GET ${path}`] ?? '');
        const bodyOf = (method: Method, path: string, agentId: string): unknown => {
          const body = bodies[`${method} ${path}`];
          if (path === '/v1/callbacks' && method === 'POST') return { ...(body as object), agent_id: agentId };
          return body ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
        };
        let checked = 0;
        for (const { method, path } of routes) {
          if (path === '/v1/events/stream') continue; // a stream: its filter is the one of GET /v1/events
          const need = needs[`${method} ${path}`];
          const mine = await v1(p, agent, method, fill(path, '1001'), bodyOf(method, path, '1001'));
          const what = `agent on ${method} ${path} → ${mine.status} ${mine.body.slice(0, 160)}`;
          assert.equal(forbidden(mine), need === 'supervisor' || need === 'admin', what);
          assert.ok(mine.status < 500, what);
          if (need === 'self') {
            const other = await v1(p, agent, method, fill(path, '1002'), bodyOf(method, path, '1002'));
            assert.ok(forbidden(other), `agent on another agent: ${method} ${path} → ${other.status} ${other.body.slice(0, 160)}`);
          }
          const floor = await v1(p, supervisorToken, method, fill(path, '1099'), bodyOf(method, path, '1099'));
          assert.equal(forbidden(floor), need === 'admin', `supervisor on ${method} ${path} → ${floor.status} ${floor.body.slice(0, 160)}`);
          checked++;
        }
        assert.ok(checked > 40, `${checked} routes checked`);
      } finally {
        await p.close();
      }
    });

    test('an agent reads only its own calls, callbacks and events; tokens are never made above their maker', async () => {
      const p = await testPacer(kind, { env: { PACER_NATIVE_RATE: '100000' } });
      try {
        const admin = (method: Method, url: string, body?: unknown) => v1(p, TOKEN, method, url, body);
        const agent = String((await admin('POST', '/v1/tokens', { description: 'agent 1001', role: 'agent', agent_id: '1001' })).json.token);
        const supervisorToken = String((await admin('POST', '/v1/tokens', { description: 'floor', role: 'supervisor' })).json.token);
        const as = (method: Method, url: string, body?: unknown) => v1(p, agent, method, url, body);

        for (const id of ['1001', '1002']) {
          assert.equal((await admin('POST', `/v1/agents/${id}/status`, { status: 'ready' })).status, 200);
          assert.equal((await admin('POST', `/v1/agents/${id}/dial`, { phone: `300123456${id.slice(-1)}` })).status, 200);
        }
        const theirCall = String((await admin('GET', '/v1/calls?agent=1002')).json.data[0].id);
        const theirCallback = String((await admin('POST', '/v1/callbacks', { agent_id: '1002', phone: '3001230000', due_at: '2030-01-01T00:00:00Z', type: 'manual' })).json.id);
        const myCallback = await as('POST', '/v1/callbacks', { agent_id: '1001', phone: '3001230001', due_at: '2030-01-01T00:00:00Z', type: 'manual' });
        assert.equal(myCallback.status, 201, myCallback.body);

        const calls = (await as('GET', '/v1/calls')).json.data as { agent_id: string }[];
        assert.ok(calls.length > 0 && calls.every((c) => c.agent_id === '1001'), 'its own calls only');
        assert.equal((await as('GET', `/v1/calls/${theirCall}`)).status, 404, 'another agent\'s call is not found');
        assert.ok(forbidden(await as('GET', '/v1/calls?agent=1002')), 'asking for another agent\'s calls is refused');
        const callbacks = (await as('GET', '/v1/callbacks')).json.data as { agent_id: string }[];
        assert.deepEqual(callbacks.map((c) => c.agent_id), ['1001']);
        assert.equal((await as('GET', `/v1/callbacks/${theirCallback}`)).status, 404);
        assert.ok(forbidden(await as('POST', `/v1/callbacks/${theirCallback}/cancel`)), 'another agent\'s callback cannot be cancelled');
        assert.equal((await as('POST', `/v1/callbacks/${String(myCallback.json.id)}/cancel`)).status, 200, 'its own can');
        const agents = (await as('GET', '/v1/agents')).json.data as { id: string }[];
        assert.deepEqual(agents.map((a) => a.id), ['1001']);
        const events = (await as('GET', '/v1/events?limit=500')).json.data as { agent_id: string | null }[];
        assert.ok(events.length > 0 && events.every((e) => e.agent_id === '1001'), 'its own events only');

        // Tokens: only an admin makes them, and an agent token names an agent that exists.
        assert.ok(forbidden(await v1(p, supervisorToken, 'POST', '/v1/tokens', { description: 'escalate', role: 'admin' })));
        assert.ok(forbidden(await as('POST', '/v1/tokens', { description: 'escalate', role: 'agent', agent_id: '1001' })));
        assert.equal((await admin('POST', '/v1/tokens', { description: 'x', role: 'agent' })).status, 400, 'an agent token names its agent');
        assert.equal((await admin('POST', '/v1/tokens', { description: 'x', role: 'supervisor', agent_id: '1001' })).status, 400);
        assert.equal((await admin('POST', '/v1/tokens', { description: 'x', role: 'agent', agent_id: '1099' })).status, 404);
        const listed = (await admin('GET', '/v1/tokens')).json.data as { role: string; agent_id: string | null; description: string }[];
        assert.deepEqual(listed.map((t) => [t.description, t.role, t.agent_id]).slice(-2), [['agent 1001', 'agent', '1001'], ['floor', 'supervisor', null]]);
        assert.ok(listed.some((t) => t.role === 'admin'), 'tokens made before roles stay admin');
      } finally {
        await p.close();
      }
    });

    test('the wolkvox face obeys the same roles, in its own envelope', async () => {
      const p = await testPacer(kind);
      try {
        const created = await v1(p, TOKEN, 'POST', '/v1/tokens', { description: 'agent 1001', role: 'agent', agent_id: '1001' });
        const agent = String(created.json.token);
        const mine = await p.agentbox('change_status', { agent_id: '1001', status: 'ready' }, { 'wolkvox-token': agent });
        assert.equal(mine.status, 200, JSON.stringify(mine.json));
        const other = await p.agentbox('change_status', { agent_id: '1002', status: 'ready' }, { 'wolkvox-token': agent });
        assert.equal(other.status, 403);
        assert.match(String(other.json.msg), /acts on itself only/);
        const campaign = await p.campaign('PUT', 'start', { campaign_id: '1' }, undefined, { 'wolkvox-token': agent });
        assert.equal(campaign.status, 403, JSON.stringify(campaign.json));
        assert.equal((await p.agentbox('change_status', { agent_id: '1002', status: 'ready' })).status, 200, 'the demo token is admin');
      } finally {
        await p.close();
      }
    });
  });
}
