// agentbox.php through the real app, on both stores: every api's success and its refusals.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const ok = (json: Record<string, unknown>, msg: string) => {
  assert.equal(json.code, '200');
  assert.equal(json.error, null);
  assert.equal(json.msg, msg);
};

/** The whole success envelope, byte for byte as JSON: code a string, error null, msg, data. */
const exactly = (json: Record<string, unknown>, msg: string, data?: unknown) => {
  assert.deepEqual(json, data === undefined ? { code: '200', error: null, msg } : { code: '200', error: null, msg, data });
  assert.deepEqual(Object.keys(json), data === undefined ? ['code', 'error', 'msg'] : ['code', 'error', 'msg', 'data']);
};

/** Agent 1001 ready, dialled, call answered (the demo carrier answers within 3 s). */
async function onCall(p: TestPacer, agent = '1001'): Promise<string> {
  assert.equal((await p.agentbox('change_status', { agent_id: agent, status: 'ready' })).status, 200);
  const dial = await p.agentbox('dial', { agent_id: agent, customer_phone: '3001234567' });
  assert.equal(dial.status, 200);
  await p.clock.advance(5000);
  return (dial.json.data as { conn_id: string }).conn_id;
}

for (const { kind, skip } of await storeKinds()) {
  describe(`agentbox on ${kind}`, { skip }, () => {
    test('change_status: ready, aux by id with its name, logout', async () => {
      const p = await testPacer(kind);
      try {
        ok((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).json, 'Agent status has been modified to Ready');
        ok((await p.agentbox('change_status', { agent_id: '1001', status: '1' })).json, 'Agent status has been modified to Active breaks');
        ok((await p.agentbox('change_status', { agent_id: '1001', status: 'logout' })).json, 'Agent status has been modified to Logout');
      } finally {
        await p.close();
      }
    });

    test('change_status refusals: unknown aux 404, unknown agent 404, bad status 400', async () => {
      const p = await testPacer(kind);
      try {
        const aux = await p.agentbox('change_status', { agent_id: '1001', status: '99' });
        assert.equal(aux.status, 404);
        assert.deepEqual(Object.keys(aux.json), ['code', 'error', 'msg']);
        assert.equal(aux.json.code, '404');
        assert.equal(aux.json.error, 'NOT FOUND');
        const agent = await p.agentbox('change_status', { agent_id: '9999', status: 'ready' });
        assert.equal(agent.status, 404);
        assert.equal(agent.json.msg, 'Agent 9999 does not exist');
        const bad = await p.agentbox('change_status', { agent_id: '1001', status: 'busy' });
        assert.equal(bad.status, 400);
        assert.match(String(bad.json.msg), /^SOME PARAMETERS ARE REQUIRED: status/);
        const missing = await p.agentbox('change_status', { agent_id: '1001' });
        assert.equal(missing.json.msg, 'SOME PARAMETERS ARE REQUIRED: status');
      } finally {
        await p.close();
      }
    });

    test('a status change during a call becomes the next state; the call is not dropped', async () => {
      const p = await testPacer(kind);
      try {
        const connId = await onCall(p);
        const lunch = await p.agentbox('change_status', { agent_id: '1001', status: '2' });
        assert.equal(lunch.status, 200);
        assert.match(String(lunch.json.msg), /^Agent status has been modified to Lunch: it applies when the current call/);
        exactly((await p.agentbox('hold', { agent_id: '1001' })).json, 'Hold agentbox has been excecuted');
        assert.equal(p.telephony.log.filter((l) => l.callId === connId && l.action === 'hangup').length, 0);
        // The collection's message (the pages give none).
        exactly((await p.agentbox('hang', { agent_id: '1001' })).json, 'Hang has been successful');
        const agent = await p.pacer.database.db.selectFrom('agents').selectAll().where('id', '=', '1001').executeTakeFirstOrThrow();
        assert.equal(agent.state, 'acw');
        await p.clock.advance(16_000);
        const later = await p.pacer.database.db.selectFrom('agents').selectAll().where('id', '=', '1001').executeTakeFirstOrThrow();
        assert.equal(later.state, 'aux');
        assert.equal(later.aux_id, 2);
      } finally {
        await p.close();
      }
    });

    test('dial returns a conn_id; the answered call connects the agent; hold toggles', async () => {
      const p = await testPacer(kind);
      try {
        await p.agentbox('change_status', { agent_id: '1002', status: 'ready' });
        const dial = await p.agentbox('dial', { agent_id: '1002', customer_phone: '3001234567', customer_id: '100001', customer_name: 'Ana' });
        ok(dial.json, 'Dial has been successful');
        const connId = (dial.json.data as { conn_id: string }).conn_id;
        assert.match(connId, /^[0-9a-f]{32}$/);
        const early = await p.agentbox('hold', { agent_id: '1002' });
        assert.equal(early.status, 409);
        await p.clock.advance(5000);
        const db = p.pacer.database.db;
        assert.equal((await db.selectFrom('calls').select('state').where('id', '=', connId).executeTakeFirstOrThrow()).state, 'connected');
        await p.agentbox('hold', { agent_id: '1002' });
        assert.equal((await db.selectFrom('calls').select('held').where('id', '=', connId).executeTakeFirstOrThrow()).held, true);
        await p.agentbox('hold', { agent_id: '1002' });
        assert.equal((await db.selectFrom('calls').select('held').where('id', '=', connId).executeTakeFirstOrThrow()).held, false);
        assert.deepEqual(p.telephony.log.filter((l) => l.callId === connId).map((l) => l.action), ['originate', 'bridge', 'hold', 'unhold']);
      } finally {
        await p.close();
      }
    });

    test('dial refusals: logged out 409, already on a call 409, bad phone 400', async () => {
      const p = await testPacer(kind);
      try {
        const out = await p.agentbox('dial', { agent_id: '1003', customer_phone: '3001234567' });
        assert.equal(out.status, 409);
        assert.equal(out.json.msg, 'Agent 1003 is logged out and cannot dial');
        await onCall(p, '1003');
        const again = await p.agentbox('dial', { agent_id: '1003', customer_phone: '3001234567' });
        assert.equal(again.status, 409);
        const phone = await p.agentbox('dial', { agent_id: '1004', customer_phone: 'call-me' });
        assert.equal(phone.status, 400);
        assert.match(String(phone.json.msg), /customer_phone/);
      } finally {
        await p.close();
      }
    });

    test('hold, mute, hang, dtmf without a call: 409 naming the agent', async () => {
      const p = await testPacer(kind);
      try {
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        for (const [api, extra] of [['hold', {}], ['mute', {}], ['hang', {}], ['dtmf', { tones: '1' }], ['transfer', { customer_phone: '1002' }]] as const) {
          const r = await p.agentbox(api, { agent_id: '1001', ...extra });
          assert.equal(r.status, 409, api);
          assert.equal(r.json.msg, 'Agent 1001 has no active call', api);
        }
      } finally {
        await p.close();
      }
    });

    test('mute toggles, dtmf sends tones, type needs existing codes (the collection\'s answers)', async () => {
      const p = await testPacer(kind);
      try {
        const connId = await onCall(p);
        exactly((await p.agentbox('mute', { agent_id: '1001' })).json, 'Microphone agentbox has been excecuted');
        // dtmf answers msg "default" and a string in data, trailing space included.
        exactly((await p.agentbox('dtmf', { agent_id: '1001', tones: '12#' })).json, 'default', 'tones agentbox has been added ');
        assert.deepEqual(p.telephony.log.filter((l) => l.callId === connId).map((l) => l.action), ['originate', 'bridge', 'mute', 'dtmf']);
        const badCode = await p.agentbox('type', { agent_id: '1001', cod_act: 'NOPE', cod_act_2: 'NEW' });
        assert.equal(badCode.status, 404);
        const missing2 = await p.agentbox('type', { agent_id: '1001', cod_act: 'SALE' });
        assert.equal(missing2.json.msg, 'SOME PARAMETERS ARE REQUIRED: cod_act_2');
        exactly((await p.agentbox('type', { agent_id: '1001', cod_act: 'SALE', cod_act_2: 'NEW', comments: 'ok' })).json, 'Type has been successful', { conn_id: connId });
        const call = await p.pacer.database.db.selectFrom('calls').selectAll().where('id', '=', connId).executeTakeFirstOrThrow();
        assert.equal(call.cod_act, 'SALE');
        assert.equal(call.comments, 'ok');
      } finally {
        await p.close();
      }
    });

    test('hang_type_ready: the call must be active; then the agent is ready', async () => {
      const p = await testPacer(kind);
      try {
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        const none = await p.agentbox('hang_type_ready', { agent_id: '1001', cod_act: 'SALE' });
        assert.equal(none.status, 409);
        await onCall(p);
        const r = await p.agentbox('hang_type_ready', { agent_id: '1001', cod_act: 'SALE', cod_act_2: 'NEW' });
        exactly(r.json, 'Type has been successful');
        const agent = await p.pacer.database.db.selectFrom('agents').selectAll().where('id', '=', '1001').executeTakeFirstOrThrow();
        assert.equal(agent.state, 'ready');
      } finally {
        await p.close();
      }
    });

    test('transfer to a ready agent moves the call; to a busy one is refused', async () => {
      const p = await testPacer(kind);
      try {
        await onCall(p, '1001');
        const busy = await p.agentbox('transfer', { agent_id: '1001', customer_phone: '1002' });
        assert.equal(busy.status, 409);
        await p.agentbox('change_status', { agent_id: '1002', status: 'ready' });
        const r = await p.agentbox('transfer', { agent_id: '1001', customer_phone: '1002' });
        const leg = (r.json.data as { conn_id: string }).conn_id;
        exactly(r.json, 'Call has been transfer to 1002 number', { conn_id: leg });
        const db = p.pacer.database.db;
        const target = await db.selectFrom('agents').selectAll().where('id', '=', '1002').executeTakeFirstOrThrow();
        assert.equal(target.state, 'talking');
        assert.equal(target.call_id, leg);
        const source = await db.selectFrom('agents').selectAll().where('id', '=', '1001').executeTakeFirstOrThrow();
        assert.equal(source.state, 'acw');
      } finally {
        await p.close();
      }
    });

    test('transfer to a short extension (agent 7) works; two digits that are no agent are refused, saying why', async () => {
      const p = await testPacer(kind);
      try {
        const put = await p.call({ method: 'PUT', url: '/v1/agents/7', headers: { authorization: `Bearer ${TOKEN}` }, payload: { name: 'Siete' } });
        assert.equal(put.statusCode, 201);
        await p.agentbox('change_status', { agent_id: '7', status: 'ready' });
        await onCall(p, '1001');
        const nobody = await p.agentbox('transfer', { agent_id: '1001', customer_phone: '42' });
        assert.equal(nobody.status, 400);
        assert.match(String(nobody.json.msg), /42 is neither an agent of operation 0001 nor a phone number/);
        const r = await p.agentbox('transfer', { agent_id: '1001', customer_phone: '7' });
        assert.equal(r.status, 200, JSON.stringify(r.json));
        const db = p.pacer.database.db;
        assert.equal((await db.selectFrom('agents').select('state').where('id', '=', '7').executeTakeFirstOrThrow()).state, 'talking');
        // The native face takes the same targets.
        await onCall(p, '1002');
        const native = await p.call({ method: 'POST', url: '/v1/agents/1002/transfer', headers: { authorization: `Bearer ${TOKEN}` }, payload: { to: '42' } });
        assert.equal(native.statusCode, 400);
      } finally {
        await p.close();
      }
    });

    test('aux_call only follows an ended predictive-campaign call', async () => {
      const p = await testPacer(kind);
      try {
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        const r = await p.agentbox('aux_call', { agent_id: '1001', customer_phone: '3001234567' });
        assert.equal(r.status, 409);
        assert.match(String(r.json.msg), /no ended predictive-campaign call/);
        // A campaign call of 1001, hung up: then aux_call places a further call to that customer.
        assert.equal((await p.campaign('PUT', 'start', { campaign_id: '1' })).status, 202);
        await p.clock.advance(5000);
        const agent = await p.pacer.database.db.selectFrom('agents').selectAll().where('id', '=', '1001').executeTakeFirstOrThrow();
        assert.equal(agent.state, 'talking');
        assert.equal((await p.campaign('PUT', 'stop', { campaign_id: '1' })).status, 202);
        exactly((await p.agentbox('hang', { agent_id: '1001' })).json, 'Hang has been successful');
        const aux = await p.agentbox('aux_call', { agent_id: '1001', customer_phone: '3001234567' });
        const connId = (aux.json.data as { conn_id: string }).conn_id;
        // The collection's example answers as `type` does; reproduced as documented.
        exactly(aux.json, 'Type has been successful', { conn_id: connId });
        const call = await p.pacer.database.db.selectFrom('calls').selectAll().where('id', '=', connId).executeTakeFirstOrThrow();
        assert.deepEqual([call.origin, call.parent_call_id], ['aux_call', agent.call_id]);
      } finally {
        await p.close();
      }
    });

    test('recall: stored in the operation time zone; bad, impossible and past dates are 400', async () => {
      const p = await testPacer(kind);
      try {
        ok((await p.agentbox('recall', { agent_id: '1001', customer_phone: '3001234567', date: '20260302110000', type_recall: 'auto' })).json, 'Recall has been successful');
        const cb = await p.pacer.database.db.selectFrom('callbacks').selectAll().executeTakeFirstOrThrow();
        assert.equal(cb.due_at.toISOString(), '2026-03-02T16:00:00.000Z');
        assert.equal(cb.agent_id, '1001');
        for (const date of ['2026030211', '20260230100000', '20260302250000', '20260302090000', 'tomorrow', '2026-03-03 10:00']) {
          const r = await p.agentbox('recall', { agent_id: '1001', customer_phone: '3001234567', date, type_recall: 'manual' });
          assert.equal(r.status, 400, date);
          assert.match(String(r.json.msg), /^SOME PARAMETERS ARE REQUIRED: date/, date);
        }
        const type = await p.agentbox('recall', { agent_id: '1001', customer_phone: '3001234567', date: '20260302110000', type_recall: 'later' });
        assert.equal(type.json.msg, 'SOME PARAMETERS ARE REQUIRED: type_recall (expected one of auto, manual)');
      } finally {
        await p.close();
      }
    });

    test('agent_display shows and hides buttons', async () => {
      const p = await testPacer(kind);
      try {
        exactly((await p.agentbox('agent_display', { agent_id: '1001', display: 'hide', button: 'hungup' })).json, 'default', 'Agentbox has been hide');
        const agent = await p.pacer.database.db.selectFrom('agents').select('display').where('id', '=', '1001').executeTakeFirstOrThrow();
        assert.deepEqual(agent.display, { hungup: false, disposition: true, dial: true });
        exactly((await p.agentbox('agent_display', { agent_id: '1001', display: 'show', button: 'hungup' })).json, 'default', 'Agentbox has been show');
        const bad = await p.agentbox('agent_display', { agent_id: '1001', display: 'hide', button: 'hangup' });
        assert.equal(bad.status, 400);
      } finally {
        await p.close();
      }
    });

    test('routing: unknown api 400, wrong method 405, no token 401, bad token 403, other operation 403', async () => {
      const p = await testPacer(kind);
      try {
        const unknown = await p.agentbox('teleport', { agent_id: '1001' });
        assert.deepEqual([unknown.status, unknown.json.msg], [400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST']);
        const get = await p.call({ method: 'GET', url: '/api/v2/agentbox.php?api=hold&agent_id=1001', headers: { 'wolkvox-token': 'x' } });
        assert.equal(get.statusCode, 405);
        assert.equal(get.json.code, '405');
        const none = await p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=hold&agent_id=1001' });
        assert.deepEqual([none.statusCode, none.json.msg, none.json.error], [401, 'PLEASE ENTER THE WOLKVOX-TOKEN', 'UNAUTHORIZED']);
        const bad = await p.agentbox('hold', { agent_id: '1001' }, { 'wolkvox-token': 'nope' });
        assert.deepEqual([bad.status, bad.json.msg], [403, 'PLEASE VALIDATE TOKEN']);
        const other = await p.agentbox('change_status', { agent_id: '1001', status: 'ready' }, { wolkvox_server: '0002' });
        assert.deepEqual([other.status, other.json.msg], [403, 'PLEASE VALIDATE TOKEN']);
        const host = await p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=change_status&agent_id=1001&status=ready', headers: { 'wolkvox-token': 'test-token-0001', host: 'wv0001.example.com' } });
        assert.equal(host.statusCode, 200);
        const twice = await p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=change_status&agent_id=1001&agent_id=1002&status=ready', headers: { 'wolkvox-token': 'test-token-0001' } });
        assert.equal(twice.statusCode, 400);
      } finally {
        await p.close();
      }
    });
  });
}
