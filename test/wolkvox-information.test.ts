// information.php through the real app, on both stores, with fixtures made through the engine
// (agentbox, campaign.php, configuration.php and the native API): each api's fields, value
// formats (every value a string, times on the operation's clock), code type, filters, empty
// answers and refusals; token_info's count; the audit log of changes made on both faces.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { withPacer } from './support/campaign.ts';
import { conf, done, info, native, refusedWith, rows, tokenWithRole } from './support/wolkvox-files.ts';

after(stopSharedEmbedded);

const agentFields = ['agent_id', 'agent_name', 'agent_dni', 'agent_status', 'last_use', 'agent_sso', 'enabled'];
const campaignFields = ['campaign_id', 'campaign_name', 'campaign_description', 'type_campaign', 'status', 'records', 'speed', 'dial_mode', 'last_use', 'recycled', 'turbo_dial', 'skill_id'];
const codeFields = ['cod_act', 'description_cod_act', 'hit', 'rpc', 'chat', 'studio', 'voice', 'interactions', 'type_code'];

for (const { kind, skip } of await storeKinds()) {
  describe(`information.php on ${kind}`, { skip }, () => {
    test('agents: every agent with its state on the wolkvox vocabulary, one with `agent`, none for an unknown one', () => withPacer(kind, async (p) => {
      await p.clock.advance(60_000);
      assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).status, 200);
      assert.equal((await p.agentbox('change_status', { agent_id: '1002', status: '2' })).status, 200);
      const all = rows(await info(p, 'agents'), '200', agentFields);
      assert.equal(all.length, 10);
      assert.deepEqual(all.map((a) => a.agent_id), Array.from({ length: 10 }, (_, i) => String(1001 + i)));
      // Monday 10:01 in Bogota, when 1001 went ready; the others are as the demo made them.
      assert.deepEqual(all[0], { agent_id: '1001', agent_name: 'Agent 1001', agent_dni: '', agent_status: 'Ready', last_use: '2026-03-02 10:01:00', agent_sso: '', enabled: 'yes' });
      assert.equal(all[1]?.agent_status, 'Lunch');
      assert.equal(all[2]?.agent_status, 'Logout');
      assert.equal(all[2]?.last_use, '2026-03-02 10:00:00');
      const one = rows(await info(p, 'agents', { agent: '1002' }), '200', agentFields, '1 records were found');
      assert.deepEqual(one.map((a) => a.agent_id), ['1002']);
      const none = rows(await info(p, 'agents', { agent: '9999' }), '200', agentFields, '0 records were found');
      assert.deepEqual(none, []);
      refusedWith(await info(p, 'agents', { agent: 'x1' }), 400, /^SOME PARAMETERS ARE REQUIRED: agent/);
    }));

    test('skills and agents_in_skill: ids, names, descriptions, members with their expertise', () => withPacer(kind, async (p) => {
      assert.equal((await native(p, 'PUT', '/v1/skills/7', { name: 'Sales' })).status, 200);
      done(await conf(p, 'POST', 'create_skill', { skill_name: 'Retention', description_skill: 'Keeps customers' }), 201, 'Skill has been created');
      const skills = rows(await info(p, 'skills'), 200, ['skill_id', 'skill_name', 'skill_description', 'last_use']);
      assert.deepEqual(skills, [
        { skill_id: '7', skill_name: 'Sales', skill_description: '', last_use: '' },
        { skill_id: '8', skill_name: 'Retention', skill_description: 'Keeps customers', last_use: '' },
      ]);
      assert.deepEqual(rows(await info(p, 'skills', { skill: '8' }), 200, ['skill_id', 'skill_name', 'skill_description', 'last_use']).map((s) => s.skill_id), ['8']);
      done(await conf(p, 'POST', 'add_agents_skill', { skill_id: '7', agent_id: '1003', expertise: '8' }), '201', 'Agent 1003 added to skill 7 of operation');
      assert.equal((await native(p, 'PUT', '/v1/agents/1001/skills', { skills: [7] })).status, 200);
      const members = rows(await info(p, 'agents_in_skill', { skill_id: '7' }), '200', ['agent_id', 'agent_name', 'last_use', 'expertise']);
      assert.deepEqual(members, [
        { agent_id: '1001', agent_name: 'Agent 1001', last_use: '2026-03-02 10:00:00', expertise: '5' },
        { agent_id: '1003', agent_name: 'Agent 1003', last_use: '2026-03-02 10:00:00', expertise: '8' },
      ]);
      rows(await info(p, 'agents_in_skill', { skill_id: '8' }), '200', ['agent_id', 'agent_name', 'last_use', 'expertise'], '0 records were found');
      refusedWith(await info(p, 'agents_in_skill'), 400, 'SOME PARAMETERS ARE REQUIRED: skill_id');
      refusedWith(await info(p, 'agents_in_skill', { skill_id: '99' }), 404, /Skill 99 does not exist/);
    }));

    test('campaigns: type, status, record counts, speed, the last call placed, recycled', () => withPacer(kind, async (p) => {
      const before = rows(await info(p, 'campaigns'), '200', campaignFields);
      assert.deepEqual(before[0], {
        campaign_id: '1', campaign_name: 'Demo predictive', campaign_description: '', type_campaign: 'predictive', status: 'Stopped', records: '100',
        speed: '50', dial_mode: 'predictive', last_use: '', recycled: '0', turbo_dial: '', skill_id: '',
      });
      assert.equal(before[1]?.type_campaign, 'preview');
      assert.equal(before[1]?.records, '20');
      // A ready agent, and the campaign started: the dialer calls its records.
      assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).status, 200);
      await p.clock.advance(30_000);
      assert.equal((await p.campaign('PUT', 'speed', { campaign_id: '1' }, { speed: '40' })).status, 202);
      assert.equal((await p.campaign('PUT', 'start', { campaign_id: '1' })).status, 202);
      await p.clock.advance(20_000);
      assert.equal((await p.campaign('PUT', 'stop', { campaign_id: '1' })).status, 202);
      assert.equal((await p.campaign('PUT', 'recall_records', { campaign_id: '1' }, { field: 'Cod_Machine', value: 'NO-ANSWER' })).status, 200);
      const [c1] = rows(await info(p, 'campaigns', { campaign: '1' }), '200', campaignFields);
      assert.equal(c1?.status, 'Stopped');
      assert.equal(c1?.speed, '40');
      assert.equal(c1?.recycled, '1');
      // The dialer placed calls while the campaign ran, from 10:00:30 to 10:00:50 on the operation's clock.
      assert.match(c1?.last_use ?? '', /^2026-03-02 10:00:[345]\d$/);
      rows(await info(p, 'campaigns', { campaign: '77' }), '200', campaignFields, '0 records were found');
    }));

    test('activity_codes: both groups with their flags as yes/no; one code with cod_act', () => withPacer(kind, async (p) => {
      done(await conf(p, 'POST', 'create_cod_act', { type_code: 'cod_act1', cod_act: 'PROMISE', description_cod_act: 'Promise to pay', hit: 'yes', rpc: 'yes' }), 201, 'Code successfully created');
      const codes = rows(await info(p, 'activity_codes'), '200', codeFields);
      assert.equal(codes.length, 8);
      assert.deepEqual(codes.find((c) => c.cod_act === 'PROMISE'), {
        cod_act: 'PROMISE', description_cod_act: 'Promise to pay', hit: 'yes', rpc: 'yes', chat: 'no', studio: 'no', voice: 'no', interactions: 'no', type_code: 'cod_act1',
      });
      assert.deepEqual(codes.find((c) => c.cod_act === 'NEW'), {
        cod_act: 'NEW', description_cod_act: 'New customer', hit: 'no', rpc: 'no', chat: 'no', studio: 'no', voice: 'no', interactions: 'no', type_code: 'cod_act2',
      });
      assert.deepEqual(rows(await info(p, 'activity_codes', { cod_act: 'SALE' }), '200', codeFields).map((c) => c.description_cod_act), ['Sale']);
    }));

    test('token_info: the limit, this token\'s uses today (this call counted), the operation\'s, what is left', () => withPacer(kind, async (p) => {
      const fields = ['description', 'token_limit', 'token_use_today', 'all_token_today', 'available_consumption_options'];
      const first = rows(await info(p, 'token_info'), '200', fields, ' 1 records were found');
      assert.deepEqual(first, [{ description: 'Demo token', token_limit: '10000', token_use_today: '1', all_token_today: '1', available_consumption_options: '9999' }]);
      // The demo operation has 10 licenses: 10 × 1,000 a day. Another token's calls count in all_token_today; agentbox calls count nowhere.
      const other = await tokenWithRole(p, 'supervisor');
      rows(await info(p, 'skills', {}, { token: other }), 200, ['skill_id', 'skill_name', 'skill_description', 'last_use']);
      assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).status, 200);
      const second = rows(await info(p, 'token_info'), '200', fields, ' 1 records were found');
      assert.deepEqual(second, [{ description: 'Demo token', token_limit: '10000', token_use_today: '2', all_token_today: '3', available_consumption_options: '9998' }]);
    }));

    test('get_dnc: the list (the outbound one), when each number was added; none inbound; type required', () => withPacer(kind, async (p) => {
      assert.equal((await native(p, 'POST', '/v1/dnc', { phones: ['3009990001', '3009990002'] })).status, 201);
      const fields = ['phone_number', 'type', 'date_delete'];
      const all = rows(await info(p, 'get_dnc', { type: 'all' }), '200', fields);
      assert.deepEqual(all, [
        { phone_number: '3009990001', type: 'outbound', date_delete: '2026-03-02 10:00:00' },
        { phone_number: '3009990002', type: 'outbound', date_delete: '2026-03-02 10:00:00' },
      ]);
      assert.equal(rows(await info(p, 'get_dnc', { type: 'outbound' }), '200', fields).length, 2);
      rows(await info(p, 'get_dnc', { type: 'inbound' }), '200', fields, '0 records were found');
      refusedWith(await info(p, 'get_dnc'), 400, 'SOME PARAMETERS ARE REQUIRED: type');
      refusedWith(await info(p, 'get_dnc', { type: 'both' }), 400, /^SOME PARAMETERS ARE REQUIRED: type \(expected one of inbound, outbound, all\)/);
    }));

    test('audit_log: admin changes of both faces, newest first, who and from where; 31 days at most; admin only', () => withPacer(kind, async (p) => {
      done(await conf(p, 'POST', 'create_skill', { skill_name: 'Sales' }), 201, 'Skill has been created');
      await p.clock.advance(60_000);
      assert.equal((await native(p, 'PUT', '/v1/aux-states/4', { name: 'Meeting' }, { from: '192.0.2.10' })).status, 200);
      await p.clock.advance(60_000);
      const fields = ['date', 'ip', 'user', 'action', 'workstation'];
      const log = rows(await info(p, 'audit_log', { date_ini: '20260302000000', date_end: '20260302235959' }), 200, fields);
      assert.deepEqual(log, [
        { date: '2026-03-02 10:01:00', ip: '192.0.2.10', user: 'token 1 (Demo token)', action: 'ADMIN: aux_state.put aux state 4', workstation: 'native API' },
        { date: '2026-03-02 10:00:00', ip: '127.0.0.1', user: 'token 1 (Demo token)', action: 'ADMIN: skill.create skill 1 (Sales)', workstation: 'wolkvox API' },
      ]);
      // A refused change leaves no entry; reads leave none.
      refusedWith(await conf(p, 'PUT', 'edit_skill', { skill_name: 'X' }, { skill_id: '99' }), 404, /Skill 99 does not exist/);
      assert.equal(rows(await info(p, 'audit_log', { date_ini: '20260302000000', date_end: '20260302235959' }), 200, fields).length, 2);
      rows(await info(p, 'audit_log', { date_ini: '20260301000000', date_end: '20260301235959' }), 200, fields, '0 records were found');
      refusedWith(await info(p, 'audit_log', { date_ini: '20260302000000' }), 400, 'SOME PARAMETERS ARE REQUIRED: date_end');
      refusedWith(await info(p, 'audit_log', { date_ini: '20260101000000', date_end: '20260302000000' }), 400, /^SOME PARAMETERS ARE REQUIRED: date_end \(the range from date_ini may be at most 31 days\)/);
      refusedWith(await info(p, 'audit_log', { date_ini: '20260302000000', date_end: '20260301000000' }), 400, /^SOME PARAMETERS ARE REQUIRED: date_end/);
      const floor = await tokenWithRole(p, 'supervisor');
      refusedWith(await info(p, 'audit_log', { date_ini: '20260302000000', date_end: '20260302235959' }, { token: floor }), 403, /needs the admin role/);
      // The native route reads the same log.
      const nativeLog = await native(p, 'GET', '/v1/audit-log?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z');
      assert.equal(nativeLog.status, 200);
      const entries = nativeLog.json.data as Record<string, unknown>[];
      assert.deepEqual(entries.map((e) => [e.action, e.via, e.address]), [
        ['token.create', 'native', '127.0.0.1'], ['aux_state.put', 'native', '192.0.2.10'], ['skill.create', 'wolkvox', '127.0.0.1'],
      ]);
      assert.equal((await native(p, 'GET', '/v1/audit-log', undefined, { token: floor })).status, 403);
    }));

    test('routing: reads are GET, an unknown api is 400, the token is required, each call counts', () => withPacer(kind, async (p) => {
      const wrong = await p.call({ method: 'POST', url: '/api/v2/information.php?api=agents', headers: { 'wolkvox-token': 'test-token-0001' } });
      assert.equal(wrong.statusCode, 405);
      assert.deepEqual(wrong.json, { code: 405, error: 'METHOD NOT ALLOWED', msg: 'api=agents must be called with GET' });
      refusedWith(await info(p, 'routing_points'), 400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST');
      const anonymous = await p.call({ method: 'GET', url: '/api/v2/information.php?api=agents' });
      assert.deepEqual(anonymous.json, { code: 401, error: 'UNAUTHORIZED', msg: 'PLEASE ENTER THE WOLKVOX-TOKEN' });
      refusedWith(await info(p, 'agents', {}, { token: 'nope' }), 403, 'PLEASE VALIDATE TOKEN');
    }));
  });
}
