// The native /v1 API: same use cases as the wolkvox face, JSON resources, bearer tokens, cursor
// pagination, one error body; and the OpenAPI document that must describe every /v1 route.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const auth = { authorization: `Bearer ${TOKEN}` };

async function v1(p: TestPacer, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = auth) {
  const r = await p.call({ method, url, headers, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, json: r.json as Record<string, any> };
}

for (const { kind, skip } of await storeKinds()) {
  describe(`native API on ${kind}`, { skip }, () => {
    test('agents: list with a state filter and cursors; actions drive the same engine', async () => {
      const p = await testPacer(kind);
      try {
        const first = await v1(p, 'GET', '/v1/agents?limit=4');
        assert.deepEqual(first.json.data.map((a: { id: string }) => a.id), ['1001', '1002', '1003', '1004']);
        assert.equal(first.json.next_cursor, '1004');
        const next = await v1(p, 'GET', `/v1/agents?limit=4&cursor=${first.json.next_cursor}`);
        assert.equal(next.json.data[0].id, '1005');

        const ready = await v1(p, 'POST', '/v1/agents/1001/status', { status: 'ready' });
        assert.equal(ready.status, 200);
        assert.equal(ready.json.agent.state, 'ready');
        assert.equal(ready.json.deferred, false);
        const dial = await v1(p, 'POST', '/v1/agents/1001/dial', { phone: '3001234567', customer_name: 'Ana' });
        assert.equal(dial.json.agent.state, 'ringing');
        await p.clock.advance(5000);
        const lunch = await v1(p, 'POST', '/v1/agents/1001/status', { status: 2 });
        assert.deepEqual([lunch.json.agent.state, lunch.json.agent.next_state, lunch.json.deferred], ['talking', 'aux:2', true]);
        const held = await v1(p, 'POST', '/v1/agents/1001/hold');
        assert.equal(held.json.agent.state, 'held');
        const readyOnes = await v1(p, 'GET', '/v1/agents?state=held');
        assert.deepEqual(readyOnes.json.data.map((a: { id: string }) => a.id), ['1001']);

        const call = await v1(p, 'GET', `/v1/calls/${dial.json.conn_id}`);
        assert.deepEqual([call.json.state, call.json.held, call.json.customer_name, call.json.origin], ['held', true, 'Ana', 'dial']);
        const calls = await v1(p, 'GET', '/v1/calls?agent=1001&state=held');
        assert.equal(calls.json.data.length, 1);
        const live = await v1(p, 'GET', '/v1/calls?live=true');
        assert.deepEqual(live.json.data.map((c: { id: string }) => c.id), [dial.json.conn_id], 'the live call');
        assert.equal((await v1(p, 'POST', '/v1/agents/1001/hang')).status, 200);
        assert.deepEqual((await v1(p, 'GET', '/v1/calls?live=true')).json, { data: [], next_cursor: null }, 'an ended call is not live');
        assert.equal((await v1(p, 'GET', '/v1/calls?live=false')).json.data.length, 1, 'live=false filters nothing');
        const none = await v1(p, 'GET', '/v1/calls?agent=1002');
        assert.deepEqual(none.json, { data: [], next_cursor: null });
      } finally {
        await p.close();
      }
    });

    test('refusals use one error body with the catalogue code', async () => {
      const p = await testPacer(kind);
      try {
        assert.deepEqual((await v1(p, 'POST', '/v1/agents/1001/hold')).json, { error: { code: 'NO_ACTIVE_CALL', status: 409, message: 'Agent 1001 has no active call' } });
        assert.equal((await v1(p, 'GET', '/v1/agents/9999')).json.error.code, 'AGENT_NOT_FOUND');
        const badBody = await v1(p, 'POST', '/v1/agents/1001/status', { status: 'dancing' });
        assert.equal(badBody.status, 400);
        const misspelt = await v1(p, 'POST', '/v1/agents/1001/dial', { phone: '3001234567', customer_nmae: 'Ana' });
        assert.deepEqual([misspelt.status, misspelt.json.error.code], [400, 'BAD_VALUE'], 'an unknown field is refused, not ignored');
        assert.equal(badBody.json.error.code, 'BAD_VALUE');
        assert.equal((await v1(p, 'GET', '/v1/agents/abc')).status, 400);
        assert.equal((await v1(p, 'GET', '/v1/calls?from=yesterday')).status, 400);
        assert.equal((await v1(p, 'GET', '/v1/agents', undefined, {})).status, 401);
        assert.equal((await v1(p, 'GET', '/v1/nothing')).json.error.code, 'API_NOT_FOUND');
      } finally {
        await p.close();
      }
    });

    test('Idempotency-Key: a retried create or dial answers the first result and does it once; a token value is never kept', async () => {
      const p = await testPacer(kind);
      try {
        const key = { ...auth, 'idempotency-key': 'crm-42' };
        const a = await v1(p, 'POST', '/v1/tokens', { description: 'once' }, key);
        const b = await v1(p, 'POST', '/v1/tokens', { description: 'once' }, key);
        assert.equal(a.status, 201);
        // Tokens are kept only as hashes, so the retry cannot get the value again: it is told which
        // token was created (and that nothing was created twice).
        assert.deepEqual([b.status, b.json.error.code], [409, 'IDEMPOTENT_SECRET_GONE']);
        assert.match(b.json.error.message, new RegExp(`created token ${a.json.id};`));
        const stored = await p.pacer.database.db.selectFrom('idempotency_keys').select('response').execute();
        assert.ok(stored.every((r) => !String(r.response).includes(a.json.token)), 'no token value at rest');
        const list = await v1(p, 'GET', '/v1/tokens');
        assert.equal(list.json.data.filter((t: { description: string }) => t.description === 'once').length, 1);
        const other = await v1(p, 'POST', '/v1/tokens', { description: 'another' }, key);
        assert.deepEqual([other.status, other.json.error.code], [422, 'IDEMPOTENCY_KEY_REUSED']);

        await v1(p, 'POST', '/v1/agents/1003/status', { status: 'ready' });
        const dialKey = { ...auth, 'idempotency-key': 'dial-1' };
        const d1 = await v1(p, 'POST', '/v1/agents/1003/dial', { phone: '3005550000' }, dialKey);
        const d2 = await v1(p, 'POST', '/v1/agents/1003/dial', { phone: '3005550000' }, dialKey);
        assert.equal(d1.json.conn_id, d2.json.conn_id);
        assert.equal((await v1(p, 'GET', '/v1/calls?agent=1003')).json.data.length, 1, 'one call placed');
        // A refusal is an answer too: it is replayed, not retried.
        const busy1 = await v1(p, 'POST', '/v1/agents/1004/hold', undefined, { ...auth, 'idempotency-key': 'h' });
        const busy2 = await v1(p, 'POST', '/v1/agents/1004/hold', undefined, { ...auth, 'idempotency-key': 'h' });
        assert.deepEqual([busy1.status, busy2.status], [409, 409]);
        assert.equal((await v1(p, 'POST', '/v1/tokens', { description: 'x' }, { ...auth, 'idempotency-key': 'bad key with spaces' })).status, 400);
        // Keys are kept a day: then housekeeping forgets them, and the key names a new request. (The
        // keys are aged in the table: a day of the virtual clock would run a day of background work.)
        const db = p.pacer.database.db;
        const age = (hours: number) => db.updateTable('idempotency_keys').set({ created_at: new Date(p.clock.now() - hours * 3600_000) }).execute();
        await age(23);
        await p.pacer.engine.background.housekeeping.runNow();
        assert.equal((await v1(p, 'POST', '/v1/agents/1003/dial', { phone: '3005550000' }, dialKey)).json.conn_id, d1.json.conn_id, 'still replayed');
        await age(25);
        await p.pacer.engine.background.housekeeping.runNow();
        assert.equal((await db.selectFrom('idempotency_keys').select('key').execute()).length, 0);
        assert.equal((await v1(p, 'POST', '/v1/tokens', { description: 'once' }, key)).status, 201, 'a new token, not a replay');
      } finally {
        await p.close();
      }
    });

    test('configuration lists page like every other list', async () => {
      const p = await testPacer(kind);
      try {
        const first = await v1(p, 'GET', '/v1/aux-states?limit=2');
        assert.deepEqual([first.json.data.map((a: { id: number }) => a.id), first.json.next_cursor], [[1, 2], '2']);
        const rest = await v1(p, 'GET', '/v1/aux-states?limit=2&cursor=2');
        assert.deepEqual([rest.json.data.map((a: { id: number }) => a.id), rest.json.next_cursor], [[3], null]);
        const codes: string[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 10; i++) {
          const page = await v1(p, 'GET', `/v1/activity-codes?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          codes.push(...page.json.data.map((c: { group: number; code: string }) => `${c.group}:${c.code}`));
          cursor = page.json.next_cursor;
          if (cursor === null) break;
        }
        assert.deepEqual(codes, ['1:CALLBACK', '1:NOSALE', '1:SALE', '1:WRONG', '2:EXISTING', '2:NA', '2:NEW']);
        assert.equal((await v1(p, 'GET', '/v1/skills?limit=0')).status, 400);
      } finally {
        await p.close();
      }
    });

    test('configuration: aux states, activity codes and the do-not-call list', async () => {
      const p = await testPacer(kind);
      try {
        assert.deepEqual((await v1(p, 'GET', '/v1/aux-states')).json.data.map((a: { name: string }) => a.name), ['Active breaks', 'Lunch', 'Training']);
        assert.equal((await v1(p, 'PUT', '/v1/aux-states/7', { name: 'Coaching' })).status, 200);
        assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: '7' })).json.msg, 'Agent status has been modified to Coaching');
        assert.equal((await v1(p, 'PUT', '/v1/activity-codes/1/PROMISE', { name: 'Promise to pay' })).status, 200);
        assert.ok((await v1(p, 'GET', '/v1/activity-codes')).json.data.some((c: { code: string }) => c.code === 'PROMISE'));

        const added = await v1(p, 'POST', '/v1/dnc', { phones: ['3001112233', '3001112233', '3004445566'], reason: 'asked', days: 1 });
        assert.deepEqual([added.status, added.json], [201, { added: 2, renewed: 0 }]);
        const list = await v1(p, 'GET', '/v1/dnc');
        assert.deepEqual(list.json.data.map((d: { phone: string }) => d.phone), ['3001112233', '3004445566']);
        assert.equal(list.json.data[0].expires_at, new Date(p.clock.now() + 86_400_000).toISOString());
        const later = p.clock.now() + 86_400_000 + 1000;
        const stillBlocked = await p.pacer.store.transaction((tx) => tx.dnc.blocked('0001', ['3001112233'], later));
        assert.equal(stillBlocked.size, 0, 'a block for a day ends');
        await v1(p, 'POST', '/v1/dnc', { phones: ['3007778899'] });
        assert.equal((await v1(p, 'DELETE', '/v1/dnc/3007778899')).status, 204);
        assert.equal((await v1(p, 'DELETE', '/v1/dnc/3007778899')).json.error.code, 'DNC_NOT_FOUND');
        assert.equal((await v1(p, 'POST', '/v1/dnc', { phones: ['abc'] })).status, 400);
      } finally {
        await p.close();
      }
    });

    test('skills: created, renamed, given to agents; a campaign with a skill draws only on those agents', async () => {
      const p = await testPacer(kind);
      try {
        assert.deepEqual((await v1(p, 'GET', '/v1/skills')).json, { data: [], next_cursor: null });
        assert.deepEqual((await v1(p, 'PUT', '/v1/skills/7', { name: 'Sales' })).json, { id: 7, name: 'Sales', description: '' });
        await v1(p, 'PUT', '/v1/skills/3', { name: 'Spanish' });
        await v1(p, 'PUT', '/v1/skills/7', { name: 'Sales EN' });
        assert.deepEqual((await v1(p, 'GET', '/v1/skills')).json.data, [{ id: 3, name: 'Spanish', description: '' }, { id: 7, name: 'Sales EN', description: '' }]);

        assert.deepEqual((await v1(p, 'GET', '/v1/agents/1002')).json.skills, []);
        const given = await v1(p, 'PUT', '/v1/agents/1002/skills', { skills: [7, 3, 7] });
        assert.deepEqual([given.status, given.json.id, given.json.skills], [200, '1002', [3, 7]]);
        assert.deepEqual((await v1(p, 'GET', '/v1/agents?limit=2')).json.data.map((a: { skills: number[] }) => a.skills), [[], [3, 7]]);
        const [event] = await p.pacer.database.db.selectFrom('events').selectAll().where('type', '=', 'agent.skills').execute();
        assert.deepEqual([event?.agent_id, event?.data], ['1002', { skills: [3, 7] }]);

        // The dialer's view: campaign 1 with skill 7 connects only agents with it.
        await p.pacer.database.db.updateTable('campaigns').set({ skill_id: 7 }).where('id', '=', '1').execute();
        for (const a of ['1001', '1002']) await v1(p, 'POST', `/v1/agents/${a}/status`, { status: 'ready' });
        // The agent a campaign call is offered to: the longest ready (1001) among those it may go to.
        const chosen = () => p.pacer.store.transaction(async (tx) => (await tx.agents.lockLongestReady('0001', '1'))?.id);
        assert.equal(await chosen(), '1002');
        await v1(p, 'PUT', '/v1/agents/1001/skills', { skills: [7] });
        assert.equal(await chosen(), '1001');
        assert.deepEqual((await v1(p, 'PUT', '/v1/agents/1001/skills', { skills: [] })).json.skills, []);
        assert.equal(await chosen(), '1002');
        assert.deepEqual((await v1(p, 'PUT', '/v1/agents/1002/skills', { skills: [] })).json.skills, []);
        assert.equal(await chosen(), undefined, 'nobody has the skill');
        assert.equal(await p.pacer.store.transaction(async (tx) => (await tx.agents.lockLongestReady('0001'))?.id), '1001', 'without a campaign: anyone');
        await v1(p, 'PUT', '/v1/agents/1001/skills', { skills: [7] });

        const refused = async (method: 'PUT', url: string, body: unknown) => {
          const r = await v1(p, method, url, body);
          return [r.status, r.json.error?.code, r.json.error?.message];
        };
        assert.deepEqual(await refused('PUT', '/v1/agents/1001/skills', { skills: [7, 99] }),
          [404, 'SKILL_NOT_FOUND', 'Skill 99 does not exist: create it with PUT /v1/skills/99']);
        assert.deepEqual((await v1(p, 'GET', '/v1/agents/1001')).json.skills, [7], 'a refused change changes nothing');
        assert.deepEqual((await refused('PUT', '/v1/agents/9999/skills', { skills: [7] })).slice(0, 2), [404, 'AGENT_NOT_FOUND']);
        assert.deepEqual((await refused('PUT', '/v1/agents/1001/skills', { skills: ['x'] })).slice(0, 2), [400, 'BAD_VALUE']);
        assert.deepEqual((await refused('PUT', '/v1/skills/0', { name: 'Zero' })).slice(0, 2), [400, 'BAD_VALUE']);
        assert.deepEqual((await refused('PUT', '/v1/skills/8', { name: '' })).slice(0, 2), [400, 'BAD_VALUE']);
        assert.equal((await v1(p, 'GET', '/v1/skills', undefined, {})).status, 401);
      } finally {
        await p.close();
      }
    });

    test('tokens: created with a value shown once, listed without it, revoked at once', async () => {
      const p = await testPacer(kind);
      try {
        const created = await v1(p, 'POST', '/v1/tokens', { description: 'CRM' });
        assert.equal(created.status, 201);
        const value = created.json.token as string;
        assert.ok(value.length >= 32);
        const mine = { authorization: `Bearer ${value}` };
        assert.equal((await v1(p, 'GET', '/v1/operation', undefined, mine)).json.time_zone, 'America/Bogota');
        const list = await v1(p, 'GET', '/v1/tokens');
        assert.deepEqual(list.json.data.map((t: { description: string }) => t.description), ['Demo token', 'CRM']);
        assert.ok(!JSON.stringify(list.json).includes(value));
        assert.equal((await v1(p, 'DELETE', `/v1/tokens/${created.json.id}`)).status, 204);
        assert.equal((await v1(p, 'GET', '/v1/operation', undefined, mine)).status, 403);
        assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' }, { 'wolkvox-token': value })).status, 403);
        assert.equal((await v1(p, 'DELETE', `/v1/tokens/${created.json.id}`)).status, 404);
      } finally {
        await p.close();
      }
    });

    test('configuration: an aux state no agent is in and an activity code are removed; calls keep their codes', async () => {
      const p = await testPacer(kind);
      try {
        assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: '2' })).status, 200);
        const inUse = await v1(p, 'DELETE', '/v1/aux-states/2');
        assert.deepEqual(inUse.json, { error: { code: 'AGENT_STATE_CONFLICT', status: 409, message: 'Auxiliary state 2 (Lunch) is in use by agent 1001: move it to another state first' } });
        assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).status, 200);
        assert.equal((await v1(p, 'DELETE', '/v1/aux-states/2')).status, 204);
        assert.deepEqual((await v1(p, 'GET', '/v1/aux-states')).json.data.map((a: { id: number }) => a.id), [1, 3]);
        assert.equal((await v1(p, 'DELETE', '/v1/aux-states/2')).json.error.code, 'AUX_STATE_NOT_FOUND');
        assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: '2' })).status, 404, 'a removed state cannot be taken');

        // A call given SALE keeps it after SALE is removed.
        assert.equal((await p.agentbox('change_status', { agent_id: '1002', status: 'ready' })).status, 200);
        const dial = await p.agentbox('dial', { agent_id: '1002', customer_phone: '3001234567' });
        const connId = (dial.json.data as { conn_id: string }).conn_id;
        await p.clock.advance(5000);
        await p.agentbox('hang', { agent_id: '1002' });
        assert.equal((await v1(p, 'POST', '/v1/agents/1002/disposition', { cod_act: 'SALE' })).status, 200);
        assert.equal((await v1(p, 'DELETE', '/v1/activity-codes/1/SALE')).status, 204);
        assert.equal((await v1(p, 'GET', `/v1/calls/${connId}`)).json.cod_act, 'SALE');
        assert.ok(!(await v1(p, 'GET', '/v1/activity-codes')).json.data.some((c: { code: string }) => c.code === 'SALE'));
        assert.equal((await v1(p, 'DELETE', '/v1/activity-codes/1/SALE')).json.error.code, 'ACTIVITY_CODE_NOT_FOUND');
        const types = (await v1(p, 'GET', '/v1/events?after=0&limit=500&type=config.')).json.data.map((e: { type: string }) => e.type);
        assert.deepEqual(types, ['config.aux_state_removed', 'config.activity_code_removed']);
      } finally {
        await p.close();
      }
    });
  });
}

test('the OpenAPI document describes every /v1 route and is served with a reference page', async () => {
  const p = await testPacer('pglite');
  try {
    // printRoutes draws a tree: four columns per level, then the segment and its methods.
    const routes: string[] = [];
    const stack: string[] = [];
    for (const line of p.pacer.app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (!m?.[2]) continue;
      const depth = (m[1] ?? '').length / 4;
      stack.length = depth;
      stack.push(m[2]);
      const path = stack.join('');
      if (m[3] && path.startsWith('/v1/')) for (const method of m[3].split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
    assert.ok(routes.length >= 10, routes.join('\n'));
    const doc = (await p.call({ method: 'GET', url: '/openapi.json' })).json as unknown as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.equal(doc.openapi, '3.1.0');
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)));
    const missing = routes.filter((r) => !documented.has(r));
    assert.deepEqual(missing, [], 'every /v1 route is in /openapi.json');
    // What any route may answer beyond its own: the body limit where a body is read, the
    // Idempotency-Key refusals on an operation's POST (the fuzz test found them undeclared).
    const responsesOf = (path: string, method: string) => Object.keys((doc.paths[path]?.[method] as { responses: object }).responses);
    for (const status of ['409', '413', '422']) assert.ok(responsesOf('/v1/tokens', 'post').includes(status), `POST /v1/tokens declares ${status}`);
    assert.ok(responsesOf('/v1/agents/{id}', 'put').includes('413'));
    assert.ok(!responsesOf('/v1/operations', 'post').includes('422'), 'the admin API takes no Idempotency-Key');
    const page = await p.call({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger/i);
  } finally {
    await p.close();
  }
});
