// One outbound-number policy on every path that creates a customer leg: manual dial (both faces),
// aux_call, transfer to a number, agent callbacks and the dialer. Each refusal is a 422 naming the
// rule and a committed event; nothing is dialled.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { progressive } from '../src/domain/pacing/strategy.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, type TestPacer } from './support/pacer.ts';

const auth = { authorization: 'Bearer test-token-0001' };
const db = (p: TestPacer) => p.pacer.database.db;
const refusals = (p: TestPacer) => db(p).selectFrom('events').select('data').where('type', '=', 'call.refused').orderBy('id').execute()
  .then((rows) => rows.map((r) => r.data as { phone: string; origin: string; rule: string }));
const originated = (p: TestPacer, phone: string) => p.telephony.log.some((l) => l.action === 'originate' && l.arg === phone);

async function ready(p: TestPacer, ...agents: string[]) {
  for (const a of agents) assert.equal((await p.agentbox('change_status', { agent_id: a, status: 'ready' })).status, 200);
}

async function block(p: TestPacer, ...phones: string[]) {
  assert.equal((await p.call({ method: 'POST', url: '/v1/dnc', headers: auth, payload: { phones } })).statusCode, 201);
}

async function setPolicy(p: TestPacer, policy: Record<string, unknown>) {
  const res = await p.call({ method: 'PUT', url: '/v1/outbound-policy', headers: auth, payload: policy });
  assert.equal(res.statusCode, 200, res.body);
  return res.json;
}

for (const { kind, skip } of await storeKinds()) {
  describe(`outbound-number policy on ${kind}`, { skip }, () => {
    test('manual dial: a do-not-call number in any written form, emergency and service numbers are refused with 422 and an event', async () => {
      const p = await testPacer(kind);
      try {
        await ready(p, '1001');
        await block(p, '+573001112233');
        for (const [phone, rule] of [['3001112233', 'do-not-call'], ['00573001112233', 'do-not-call'], ['123', 'emergency'], ['112', 'emergency'], ['911', 'emergency'], ['4567', 'service-number']]) {
          const res = await p.agentbox('dial', { agent_id: '1001', customer_phone: phone as string });
          assert.equal(res.status, 422, phone);
          assert.deepEqual([res.json.code, res.json.error], ['422', 'UNPROCESSABLE']);
          assert.match(String(res.json.msg), rule === 'do-not-call' ? /do-not-call list/ : rule === 'emergency' ? /emergency number/ : /service number/, phone);
          assert.ok(!originated(p, phone as string), `${phone} was dialled`);
        }
        const native = await p.call({ method: 'POST', url: '/v1/agents/1001/dial', headers: auth, payload: { phone: '+573001112233' } });
        assert.equal(native.statusCode, 422);
        assert.equal((native.json.error as { code: string }).code, 'NUMBER_REFUSED');
        const events = await refusals(p);
        assert.deepEqual(events.map((e) => [e.phone, e.rule, e.origin]), [
          ['3001112233', 'do-not-call', 'dial'], ['00573001112233', 'do-not-call', 'dial'], ['123', 'emergency', 'dial'], ['112', 'emergency', 'dial'],
          ['911', 'emergency', 'dial'], ['4567', 'service-number', 'dial'], ['+573001112233', 'do-not-call', 'dial'],
        ]);
        // The agent is untouched and can dial an allowed number.
        const agent = await p.call({ method: 'GET', url: '/v1/agents/1001', headers: auth });
        assert.deepEqual([agent.json.state, agent.json.call_id], ['ready', null]);
        assert.equal((await p.agentbox('dial', { agent_id: '1001', customer_phone: '3001234567' })).status, 200);
      } finally {
        await p.close();
      }
    });

    test('the operation\'s prefixes: read, replaced, checked; a bad policy is a 400 naming the field', async () => {
      const p = await testPacer(kind);
      try {
        const initial = await p.call({ method: 'GET', url: '/v1/outbound-policy', headers: auth });
        assert.deepEqual(initial.json, { country_code: '57', min_digits: 7, allowed_prefixes: [], blocked_prefixes: [] });
        assert.deepEqual(await setPolicy(p, { blocked_prefixes: ['1900'], allowed_prefixes: ['+57', '+1'] }),
          { country_code: '57', min_digits: 7, allowed_prefixes: ['+57', '+1'], blocked_prefixes: ['1900'] });
        await ready(p, '1001');
        const premium = await p.agentbox('dial', { agent_id: '1001', customer_phone: '19001234567' });
        assert.deepEqual([premium.status, premium.json.msg], [422, '19001234567 starts with 1900, a prefix this operation does not call']);
        const abroad = await p.call({ method: 'POST', url: '/v1/agents/1001/dial', headers: auth, payload: { phone: '+442071234567' } });
        assert.equal(abroad.statusCode, 422);
        assert.match((abroad.json.error as { message: string }).message, /none of the prefixes this operation calls \(\+57, \+1\)/);
        const bad = await p.call({ method: 'PUT', url: '/v1/outbound-policy', headers: auth, payload: { min_digits: 1 } });
        assert.equal(bad.statusCode, 400);
        const badPrefix = await p.call({ method: 'PUT', url: '/v1/outbound-policy', headers: auth, payload: { blocked_prefixes: ['+'] } });
        assert.equal(badPrefix.statusCode, 400);
        const changed = await db(p).selectFrom('events').select('data').where('type', '=', 'config.outbound_policy').execute();
        assert.equal(changed.length, 1, 'one change, one event; refused changes none');
      } finally {
        await p.close();
      }
    });

    test('a transfer to a number is a customer leg too', async () => {
      const p = await testPacer(kind);
      try {
        await ready(p, '1001');
        p.telephony.script('3001234567', { result: 'answer', ringS: 1 });
        assert.equal((await p.agentbox('dial', { agent_id: '1001', customer_phone: '3001234567' })).status, 200);
        await p.clock.advance(1500);
        const transfer = await p.agentbox('transfer', { agent_id: '1001', customer_phone: '123' });
        assert.deepEqual([transfer.status, transfer.json.msg], [422, '123 is an emergency number: Pacer never dials it']);
        const call = await p.call({ method: 'GET', url: '/v1/agents/1001', headers: auth });
        assert.equal(call.json.state, 'talking', 'the call stays with the agent');
        const events = await refusals(p);
        assert.deepEqual(events.map((e) => [e.phone, e.origin]), [['123', 'transfer']]);
      } finally {
        await p.close();
      }
    });

    test('an agent\'s callback to a blocked number is cancelled, never dialled', async () => {
      const p = await testPacer(kind);
      try {
        await block(p, '3005550000');
        await ready(p, '1001');
        const at = new Date(p.clock.now() + 60_000).toISOString();
        const created = await p.call({ method: 'POST', url: '/v1/callbacks', headers: auth, payload: { agent_id: '1001', phone: '+573005550000', due_at: at, type: 'auto' } });
        assert.equal(created.statusCode, 201, created.body);
        await p.clock.advance(61_000);
        await p.pacer.engine.background.callbacks.runNow();
        const cb = await p.call({ method: 'GET', url: `/v1/callbacks/${String(created.json.id)}`, headers: auth });
        assert.deepEqual([cb.json.status, cb.json.call_id], ['cancelled', null]);
        assert.ok(!originated(p, '+573005550000'));
        assert.deepEqual((await refusals(p)).map((e) => [e.rule, e.origin]), [['do-not-call', 'callback']]);
      } finally {
        await p.close();
      }
    });

    test('the dialer refuses a record\'s number in another written form of a blocked one, and a blocked prefix', async () => {
      const p = await testPacer(kind, { strategyFor: () => progressive() });
      try {
        // Demo records 100001 and 100002 have tel1 3001000000 and 3001000001.
        await block(p, '+573001000000');
        await setPolicy(p, { blocked_prefixes: ['3001000001'] });
        await ready(p, '1001');
        await db(p).updateTable('campaigns').set({ status: 'started' }).where('id', '=', '1').execute();
        p.pacer.engine.background.dialer.wake();
        await p.clock.advance(1000);
        const placed = await db(p).selectFrom('calls').select('customer_id').where('origin', '=', 'campaign').execute();
        assert.deepEqual(placed.map((c) => c.customer_id), ['100003']);
        const skipped = await db(p).selectFrom('events').select('data').where('type', '=', 'record.do_not_call').orderBy('id').execute();
        assert.deepEqual(skipped.map((e) => [(e.data as { customer_id: string }).customer_id, (e.data as { rule: string }).rule]),
          [['100001', 'do-not-call'], ['100002', 'blocked-prefix']]);
      } finally {
        await p.close();
      }
    });
  });
}

after(stopSharedEmbedded);
