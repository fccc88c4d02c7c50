// configuration.php through the real app, on both stores: each api's answer (its message and the
// JSON type of its code, as the official collection shows them), what it changed as the engine and
// information.php then see it, and its refusals; a disabled agent cannot go ready or sign in.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { db, withPacer } from './support/campaign.ts';
import type { TestPacer } from './support/pacer.ts';
import { conf, done, info, native, refusedWith, rows } from './support/wolkvox-files.ts';

after(stopSharedEmbedded);

const signIn = (p: TestPacer, username: string, password: string) =>
  p.call({ method: 'POST', url: '/v1/session', payload: { username, password } });
const dncOf = async (p: TestPacer) => rows(await info(p, 'get_dnc', { type: 'all' }), '200', ['phone_number', 'type', 'date_delete']).map((r) => r.phone_number);

for (const { kind, skip } of await storeKinds()) {
  describe(`configuration.php on ${kind}`, { skip }, () => {
    test('add_dnc and remove_dnc: numbers on and off the list ("All" empties it); inbound is refused', () => withPacer(kind, async (p) => {
      done(await conf(p, 'POST', 'add_dnc', { type_call: 'outbound', telephones: ['3009990001', '3009990002', '3009990002'] }), 201, '2 telephones were added');
      done(await conf(p, 'POST', 'add_dnc', { type_call: 'all', telephones: ['3009990003'] }), 201, '1 telephones were added');
      assert.deepEqual(await dncOf(p), ['3009990001', '3009990002', '3009990003']);
      refusedWith(await conf(p, 'POST', 'add_dnc', { type_call: 'inbound', telephones: ['3009990004'] }), 400, /^SOME PARAMETERS ARE REQUIRED: type_call \(expected Pacer places no inbound calls/);
      refusedWith(await conf(p, 'POST', 'add_dnc', { type_call: 'outbound', telephones: ['12'] }), 400, /^SOME PARAMETERS ARE REQUIRED: telephones/);
      refusedWith(await conf(p, 'POST', 'add_dnc', { type_call: 'outbound' }), 400, 'SOME PARAMETERS ARE REQUIRED: telephones');
      done(await conf(p, 'DELETE', 'remove_dnc', { telephones: ['3009990001', '3009990009'], type: 'outboud' }), 202, '1 telephones were deleted');
      assert.deepEqual(await dncOf(p), ['3009990002', '3009990003']);
      done(await conf(p, 'DELETE', 'remove_dnc', { telephones: 'All', type: 'all' }), 202, '2 telephones were deleted');
      assert.deepEqual(await dncOf(p), []);
      refusedWith(await conf(p, 'POST', 'remove_dnc', { telephones: 'All' }), 405, 'api=remove_dnc must be called with DELETE');
    }));

    test('create_agent and edit_agent: the next extension, its profile, a console user that signs in with the password', () => withPacer(kind, async (p) => {
      const created = await conf(p, 'POST', 'create_agent', { agent_dni: '1020304050', agent_name: 'Ana Díaz', agent_sso: 'ana@example.com', agent_pass: 'Secret#2026' });
      done(created, 201, 'Agent has been created');
      assert.deepEqual(created.json.data, [{ agent_id: '1011', password: 'Secret#2026' }]);
      assert.deepEqual(rows(await info(p, 'agents', { agent: '1011' }), '200', ['agent_id', 'agent_name', 'agent_dni', 'agent_status', 'last_use', 'agent_sso', 'enabled']), [
        { agent_id: '1011', agent_name: 'Ana Díaz', agent_dni: '1020304050', agent_status: 'Logout', last_use: '2026-03-02 10:00:00', agent_sso: 'ana@example.com', enabled: 'yes' },
      ]);
      assert.equal((await signIn(p, '1011', 'Secret#2026')).statusCode, 200);
      // Without agent_pass: a random password that wolkvox's rule accepts, answered once.
      const second = await conf(p, 'POST', 'create_agent', { agent_dni: '99', agent_name: 'Bo' });
      const [made] = second.json.data as { agent_id: string; password: string }[];
      assert.equal(made?.agent_id, '1012');
      assert.match(made?.password ?? '', /^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[!#%&*@]).{8,}$/);
      assert.equal((await signIn(p, '1012', made?.password ?? '')).statusCode, 200);
      refusedWith(await conf(p, 'POST', 'create_agent', { agent_dni: '1', agent_name: 'X', agent_pass: 'weakpassword' }), 400, /^SOME PARAMETERS ARE REQUIRED: agent_pass/);
      refusedWith(await conf(p, 'POST', 'create_agent', { agent_name: 'X' }), 400, 'SOME PARAMETERS ARE REQUIRED: agent_dni');

      done(await conf(p, 'PUT', 'edit_agent', { agent_name: 'Ana María Díaz', agent_pass: 'Other#2027' }, { agent_id: '1011' }), 202, 'agent has been updated');
      const [edited] = rows(await info(p, 'agents', { agent: '1011' }), '200', ['agent_id', 'agent_name', 'agent_dni', 'agent_status', 'last_use', 'agent_sso', 'enabled']);
      assert.equal(edited?.agent_name, 'Ana María Díaz');
      assert.equal(edited?.agent_dni, '1020304050', 'a field left out is kept');
      assert.equal((await signIn(p, '1011', 'Secret#2026')).statusCode, 401);
      assert.equal((await signIn(p, '1011', 'Other#2027')).statusCode, 200);
      // A demo agent has no console user until edit_agent gives it a password.
      done(await conf(p, 'PUT', 'edit_agent', { agent_pass: 'Desk#2026x' }, { agent_id: '1005' }), 202, 'agent has been updated');
      assert.equal((await signIn(p, '1005', 'Desk#2026x')).statusCode, 200);
      refusedWith(await conf(p, 'PUT', 'edit_agent', { agent_name: 'X' }, { agent_id: '7777' }), 404, 'Agent 7777 does not exist');
    }));

    test('disable_agent and enable_agent: a disabled agent cannot go ready, take an aux state or sign in', () => withPacer(kind, async (p) => {
      const created = await conf(p, 'POST', 'create_agent', { agent_dni: '1', agent_name: 'Cleo', agent_pass: 'Secret#2026' });
      assert.equal(created.status, 201);
      done(await conf(p, 'PUT', 'disable_agent', { agent_id: '1011' }), 202, '1011 agent has been disabled');
      const ready = await p.agentbox('change_status', { agent_id: '1011', status: 'ready' });
      assert.equal(ready.status, 409);
      assert.deepEqual(ready.json, { code: '409', error: 'CONFLICT', msg: 'Agent 1011 is disabled: enable it (enable_agent) before it signs in or goes ready' });
      assert.equal((await p.agentbox('change_status', { agent_id: '1011', status: '1' })).status, 409);
      assert.equal((await native(p, 'POST', '/v1/agents/1011/status', { status: 'ready' })).status, 409);
      const refusedSignIn = await signIn(p, '1011', 'Secret#2026');
      assert.equal(refusedSignIn.statusCode, 409);
      assert.equal((refusedSignIn.json.error as { code: string }).code, 'AGENT_DISABLED');
      assert.equal(rows(await info(p, 'agents', { agent: '1011' }), '200', ['agent_id', 'agent_name', 'agent_dni', 'agent_status', 'last_use', 'agent_sso', 'enabled'])[0]?.enabled, 'no');
      done(await conf(p, 'PUT', 'enable_agent', { agent_id: '1011' }), 202, '1011 agent has been enabled');
      assert.equal((await p.agentbox('change_status', { agent_id: '1011', status: 'ready' })).status, 200);
      assert.equal((await signIn(p, '1011', 'Secret#2026')).statusCode, 200);
      // A signed-in agent is not disabled under its feet.
      refusedWith(await conf(p, 'PUT', 'disable_agent', { agent_id: '1011' }), 409, 'Agent 1011 is in state ready: log it out before disabling it');
      refusedWith(await conf(p, 'PUT', 'disable_agent', { agent_id: '4040' }), 404, 'Agent 4040 does not exist');
      refusedWith(await conf(p, 'PUT', 'disable_agent', {}), 400, 'SOME PARAMETERS ARE REQUIRED: agent_id');
    }));

    test('the native face has the same extras: profile (dni, sso), enable and disable, skill description, code flags', () => withPacer(kind, async (p) => {
      const edited = await native(p, 'PATCH', '/v1/agents/1001', { dni: '1020304050', sso: 'ana@example.com' });
      assert.equal(edited.status, 200, JSON.stringify(edited.json));
      assert.deepEqual([edited.json.name, edited.json.dni, edited.json.sso, edited.json.enabled], ['Agent 1001', '1020304050', 'ana@example.com', true]);
      assert.equal(rows(await info(p, 'agents', { agent: '1001' }), '200', ['agent_id', 'agent_name', 'agent_dni', 'agent_status', 'last_use', 'agent_sso', 'enabled'])[0]?.agent_dni, '1020304050');
      // As every PATCH of the native face: a body with no field is a 400, and nothing changes.
      const empty = await native(p, 'PATCH', '/v1/agents/1001', {});
      assert.deepEqual([empty.status, (empty.json.error as { code?: string } | undefined)?.code], [400, 'BAD_VALUE']);
      assert.equal((await native(p, 'GET', '/v1/agents/1001')).json.dni, '1020304050', 'nothing changed');
      assert.equal((await native(p, 'PATCH', '/v1/agents/1001', { dni: 'not a dni' })).status, 400);
      const disabled = await native(p, 'POST', '/v1/agents/1001/disable');
      assert.equal(disabled.status, 200, JSON.stringify(disabled.json));
      assert.equal(disabled.json.enabled, false);
      assert.equal(rows(await info(p, 'agents', { agent: '1001' }), '200', ['agent_id', 'agent_name', 'agent_dni', 'agent_status', 'last_use', 'agent_sso', 'enabled'])[0]?.enabled, 'no');
      assert.equal((await native(p, 'POST', '/v1/agents/1001/status', { status: 'ready' })).status, 409);
      assert.equal((await native(p, 'POST', '/v1/agents/1001/enable')).json.enabled, true);
      assert.equal((await native(p, 'POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
      const busy = await native(p, 'POST', '/v1/agents/1001/disable');
      assert.equal(busy.status, 409);
      assert.equal((busy.json.error as { code: string }).code, 'AGENT_STATE_CONFLICT');
      assert.equal((await native(p, 'POST', '/v1/agents/4040/disable')).status, 404);

      const skill = await native(p, 'PUT', '/v1/skills/7', { name: 'Sales', description: 'Outbound sales' });
      assert.deepEqual(skill.json, { id: 7, name: 'Sales', description: 'Outbound sales' });
      assert.deepEqual((await native(p, 'PUT', '/v1/skills/7', { name: 'Sales 2' })).json, { id: 7, name: 'Sales 2', description: 'Outbound sales' }, 'a rename keeps the description');
      assert.deepEqual(rows(await info(p, 'skills'), 200, ['skill_id', 'skill_name', 'skill_description', 'last_use']), [{ skill_id: '7', skill_name: 'Sales 2', skill_description: 'Outbound sales', last_use: '' }]);

      const code = await native(p, 'PUT', '/v1/activity-codes/1/PROMISE', { name: 'Promise to pay', flags: ['rpc', 'hit'] });
      assert.deepEqual(code.json, { group: 1, code: 'PROMISE', name: 'Promise to pay', flags: ['hit', 'rpc'] });
      assert.deepEqual((await native(p, 'PUT', '/v1/activity-codes/1/PROMISE', { name: 'Promise' })).json.flags, ['hit', 'rpc'], 'no flags given: kept');
      assert.equal((await native(p, 'PUT', '/v1/activity-codes/1/PROMISE', { name: 'Promise', flags: ['sms'] })).status, 400);
      assert.equal((await native(p, 'PUT', '/v1/activity-codes/1/PROMISE', { name: 'Promise', flags: ['hit', 'hit'] })).status, 400);
      const [promise] = rows(await info(p, 'activity_codes', { cod_act: 'PROMISE' }), '200', ['cod_act', 'description_cod_act', 'hit', 'rpc', 'chat', 'studio', 'voice', 'interactions', 'type_code']);
      assert.deepEqual([promise?.hit, promise?.rpc, promise?.voice], ['yes', 'yes', 'no']);
      done(await conf(p, 'PUT', 'edit_cod_act', { type_code: 'cod_act1', cod_act: 'PROMISE', hit: 'no', voice: 'yes' }), '201', 'Successfully updated code');
      const listed = (await native(p, 'GET', '/v1/activity-codes')).json.data as { code: string; flags: string[] }[];
      assert.deepEqual(listed.find((c) => c.code === 'PROMISE')?.flags, ['rpc', 'voice']);
      assert.deepEqual(listed.find((c) => c.code === 'SALE')?.flags, []);
    }));

    test('create_skill, edit_skill, add_agents_skill, remove_agents_skill', () => withPacer(kind, async (p) => {
      const created = await conf(p, 'POST', 'create_skill', { skill_name: 'Sales', description_skill: 'Outbound sales', voicemail: '5003', welcome_message: '10_audio10', vto: '' });
      done(created, 201, 'Skill has been created');
      assert.deepEqual(created.json.data, [{ skill_id: '1' }]);
      done(await conf(p, 'PUT', 'edit_skill', { description_skill: 'Sales, both ways' }, { skill_id: '1' }), 202, 'skill has been updated');
      assert.deepEqual(rows(await info(p, 'skills'), 200, ['skill_id', 'skill_name', 'skill_description', 'last_use']), [{ skill_id: '1', skill_name: 'Sales', skill_description: 'Sales, both ways', last_use: '' }]);
      refusedWith(await conf(p, 'PUT', 'edit_skill', { skill_name: 'X' }, { skill_id: '9' }), 404, /Skill 9 does not exist/);
      done(await conf(p, 'POST', 'add_agents_skill', { skill_id: '1', agent_id: '1001', expertise: '9' }), '201', 'Agent 1001 added to skill 1 of operation');
      const skills = await db(p).selectFrom('agent_skills').select(['agent_id', 'skill_id', 'expertise']).execute();
      assert.deepEqual(skills, [{ agent_id: '1001', skill_id: 1, expertise: 9 }]);
      refusedWith(await conf(p, 'POST', 'add_agents_skill', { skill_id: '1', agent_id: '1001', expertise: '11' }), 400, /^SOME PARAMETERS ARE REQUIRED: expertise/);
      refusedWith(await conf(p, 'POST', 'add_agents_skill', { skill_id: '5', agent_id: '1001' }), 404, /Skill 5 does not exist/);
      done(await conf(p, 'DELETE', 'remove_agents_skill', { skill_id: '1', agent_id: '1001' }), '201', 'Removed successfully');
      refusedWith(await conf(p, 'DELETE', 'remove_agents_skill', { skill_id: '1', agent_id: '1001' }), 404, 'Agent 1001 does not have skill 1');
    }));

    test('create_cod_act, edit_cod_act, remove_cod_act', () => withPacer(kind, async (p) => {
      done(await conf(p, 'POST', 'create_cod_act', { type_code: 'cod_act2', cod_act: 'VIP', description_cod_act: 'VIP customer', voice: 'yes' }), 201, 'Code successfully created');
      refusedWith(await conf(p, 'POST', 'create_cod_act', { type_code: 'cod_act2', cod_act: 'VIP', description_cod_act: 'Again' }), 409, /^Activity code VIP already exists in group 2/);
      done(await conf(p, 'PUT', 'edit_cod_act', { type_code: 'cod_act2', cod_act: 'VIP', hit: 'yes', voice: 'no' }), '201', 'Successfully updated code');
      const [vip] = rows(await info(p, 'activity_codes', { cod_act: 'VIP' }), '200', ['cod_act', 'description_cod_act', 'hit', 'rpc', 'chat', 'studio', 'voice', 'interactions', 'type_code']);
      assert.deepEqual(vip, { cod_act: 'VIP', description_cod_act: 'VIP customer', hit: 'yes', rpc: 'no', chat: 'no', studio: 'no', voice: 'no', interactions: 'no', type_code: 'cod_act2' });
      refusedWith(await conf(p, 'PUT', 'edit_cod_act', { type_code: 'cod_act1', cod_act: 'VIP', hit: 'yes' }), 404, 'Activity code VIP does not exist in group 1');
      // Several at once, all or none.
      refusedWith(await conf(p, 'DELETE', 'remove_cod_act', { type_code: 'cod_act1', cod_act: ['SALE', 'NOPE'] }), 404, 'Activity code NOPE does not exist in group 1');
      done(await conf(p, 'DELETE', 'remove_cod_act', { type_code: 'cod_act1', cod_act: ['SALE', 'NOSALE'] }), '201', 'Removed successfully');
      done(await conf(p, 'DELETE', 'remove_cod_act', { type_code: 'cod_act2', cod_act: 'VIP' }), '201', 'Removed successfully');
      const left = await db(p).selectFrom('activity_codes').select('code').orderBy('code').execute();
      assert.deepEqual(left.map((c) => c.code), ['CALLBACK', 'EXISTING', 'NA', 'NEW', 'WRONG']);
    }));

    test('block_predictive_dnc: records closed as do-not-call, unknown ids skipped; predictive campaigns only', () => withPacer(kind, async (p) => {
      done(await conf(p, 'PUT', 'block_predictive_dnc', { id_campaing: '1', id_cliente: ['100001', '100002', '999999'] }), '202', '2 records were successfully marked as DO-NOT-CALL in campaign 1');
      const blocked = await db(p).selectFrom('records').select(['customer_id', 'status', 'last_result']).where('campaign_id', '=', '1').where('customer_id', 'in', ['100001', '100002', '100003']).orderBy('customer_id').execute();
      assert.deepEqual(blocked, [
        { customer_id: '100001', status: 'done', last_result: 'do-not-call' },
        { customer_id: '100002', status: 'done', last_result: 'do-not-call' },
        { customer_id: '100003', status: 'fresh', last_result: null },
      ]);
      refusedWith(await conf(p, 'PUT', 'block_predictive_dnc', { id_campaing: '2', id_cliente: ['200001'] }), 409, 'Campaign 2 is a preview campaign, not predictive');
      refusedWith(await conf(p, 'PUT', 'block_predictive_dnc', { id_campaing: '1' }), 400, 'SOME PARAMETERS ARE REQUIRED: id_cliente');
    }));

    test('configuration needs the supervisor role, as the native equivalents do; every change is in the audit log', () => withPacer(kind, async (p) => {
      const agentToken = String((await native(p, 'POST', '/v1/tokens', { description: 'desk', role: 'agent', agent_id: '1001' })).json.token);
      refusedWith(await conf(p, 'POST', 'create_skill', { skill_name: 'X' }, {}, { token: agentToken }), 403, /needs the supervisor role/);
      refusedWith(await conf(p, 'POST', 'add_dnc', { type_call: 'outbound', telephones: ['3009990001'] }, {}, { token: agentToken }), 403, /needs the supervisor role/);
      const supervisor = String((await native(p, 'POST', '/v1/tokens', { description: 'floor', role: 'supervisor' })).json.token);
      done(await conf(p, 'POST', 'add_dnc', { type_call: 'outbound', telephones: ['3009990001'] }, {}, { token: supervisor }), 201, '1 telephones were added');
      // The allow-list holds the keys: an admin's.
      refusedWith(await conf(p, 'POST', 'add_ip', { ip: '127.0.0.1' }, {}, { token: supervisor }), 403, /needs the admin role/);
      const log = await db(p).selectFrom('audit_log').select(['actor', 'via', 'action', 'target', 'address']).orderBy('id').execute();
      assert.deepEqual(log.map((e) => [e.action, e.target, e.via, e.address]), [
        ['token.create', 'token 2 (desk)', 'native', '127.0.0.1'],
        ['token.create', 'token 3 (floor)', 'native', '127.0.0.1'],
        ['dnc.add', '1 numbers', 'wolkvox', '127.0.0.1'],
      ]);
      assert.equal(log[2]?.actor, '3');
    }));
  });
}
