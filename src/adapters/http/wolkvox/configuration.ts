// configuration.php: the Configuration APIs, each a thin translation onto the engine's use cases
// (the native API's own: agents, skills, activity codes, the do-not-call list, the allow-list).
// Messages and the JSON type of each `code` are the official collection's; refusals it does not
// document follow its add_ip convention where one exists (404 already there or not found, 406
// invalid) and otherwise Pacer's own (README: configuration.php).
import { canonicalAddress } from '../../../domain/allow-list.ts';
import { PacerError } from '../../../domain/errors.ts';
import { dataSchemas, type Answer } from './answers.ts';
import { objectBody } from './campaign-wire.ts';
import { wolkvoxApi, type WolkvoxApi } from './file-api.ts';
import { codeFlags } from './information.ts';
import { example, integer, listOf, oneOf, optional, p, pattern, text, yesNo, type ParamSpec } from './params.ts';

const changed = (status: 201 | 202, code: Answer['code'], msg: string, more: Partial<Answer> = {}): Answer => ({ status, code, msg, ...more });

/** Pacer places no inbound calls: its do-not-call list is the outbound one. */
const noInbound = 'Pacer places no inbound calls, so its do-not-call list is the outbound one: send outbound, inbound/outbound or all';
const dncTypes = ['inbound', 'outbound', 'inbound/outbound', 'all'] as const;
/** remove_dnc's `type` as the collection writes it, its typo ("outboud") included. */
const dncRemoveTypes = [...dncTypes, 'outboud'] as const;
const outboundOnly: ParamSpec<Exclude<(typeof dncRemoveTypes)[number], 'inbound'>> = {
  ...oneOf(dncRemoveTypes), example: 'outbound',
  parse: (raw) => {
    const read = oneOf(dncRemoveTypes).parse(raw);
    if (!read.ok) return read;
    return read.value === 'inbound' ? { ok: false, expected: noInbound } : { ok: true, value: read.value };
  },
};

const telephones = listOf(p.phone, 10_000, 'array');
/** remove_dnc's `telephones`: a list, or "All" for every number. */
const telephonesOrAll: ParamSpec<string[] | 'all'> = {
  optional: false, list: true, example: ['3009990005'],
  schema: { description: 'a JSON array of numbers, or "All" for every number', anyOf: [telephones.schema, { type: 'string', enum: ['All', 'all'] }] },
  parse: (raw) => (raw === 'All' || raw === 'all' ? { ok: true, value: 'all' } : telephones.parse(raw)),
};

/** wolkvox's password rule: upper and lower case, a digit and one of !#%&*@ (and Pacer's 8–128 characters). */
const password = pattern(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[!#%&*@])\P{Cc}{8,128}$/u,
  '8 to 128 characters with an upper-case and a lower-case letter, a digit and one of !#%&*@', 'Secret#2026');
const dni = pattern(/^[\w.-]{1,32}$/, 'an identity document: up to 32 letters, digits or ._-', '1020304050');
const sso = text(200, 'ana@example.com');

const agentProfile = { agent_dni: dni, agent_name: example(p.name, 'Ana Díaz'), agent_sso: optional(sso), agent_pass: optional(password) };
const agentEdit = { agent_dni: optional(dni), agent_name: optional(example(p.name, 'Ana Díaz')), agent_sso: optional(sso), agent_pass: optional(password) };
/** Names of a voicemail box or audio files: Pacer has neither, so they are read and kept nowhere (README). */
const audioName = text(200, '5003');
const skillFields = { description_skill: optional(p.description), voicemail: optional(audioName), welcome_message: optional(audioName), vto: optional(audioName) };

const typeCode = oneOf(['cod_act1', 'cod_act2'] as const);
const groupOf = (t: 'cod_act1' | 'cod_act2'): 1 | 2 => (t === 'cod_act1' ? 1 : 2);
const flagParams = Object.fromEntries(codeFlags.map((f) => [f, optional(yesNo)])) as Record<(typeof codeFlags)[number], ParamSpec<boolean | undefined>>;
const codeBody = objectBody({ type_code: typeCode, cod_act: p.code, description_cod_act: example(text(200), 'Sale'), ...flagParams });
const codeEditBody = objectBody({ type_code: typeCode, cod_act: p.code, description_cod_act: optional(example(text(200), 'Sale')), ...flagParams });
const flagsOf = (b: Partial<Record<(typeof codeFlags)[number], boolean | undefined>>) =>
  Object.fromEntries(codeFlags.flatMap((f) => (b[f] === undefined ? [] : [[f, b[f]]]))) as Record<string, boolean>;

/** The demo's example is the loopback address: a request sent from the same machine stays allowed. */
const address = example(text(64), '127.0.0.1');
/** An address the allow-list cannot hold: 406, as integrators see wolkvox answer it. */
function checkedAddress(ip: string): string {
  const canonical = canonicalAddress(ip);
  if (canonical === undefined) throw new PacerError('BAD_VALUE', 406, `IP: ${ip} is not a valid IP address (one IPv4 or IPv6 address)`);
  return canonical;
}
/** The allow-list's 409 (already there) as wolkvox's 404, which integrators check for. */
async function asWolkvox<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof PacerError && e.code === 'ADDRESS_EXISTS') throw new PacerError(e.code, 404, e.message);
    throw e;
  }
}

const dncBody = objectBody({ type_call: outboundOnly, telephones });
const dncRemoveBody = objectBody({ telephones: telephonesOrAll, type: optional(outboundOnly) });
const agentIdBody = objectBody({ agent_id: p.agentId });
const expertise = integer(1, 10, '5');

export const configurationApis: Record<string, WolkvoxApi> = {
  add_dnc: wolkvoxApi({
    method: 'POST', summary: 'Put numbers on the do-not-call list (the dialer never calls them); Pacer\'s list is the outbound one',
    success: changed(201, 'number', '{n} telephones were added', { msgExamples: { n: '1' } }),
    query: {}, body: dncBody,
    async run(engine, access, _q, b) {
      const r = await engine.configuration.addDnc(access, b.telephones, 'configuration.php add_dnc', null);
      return { msg: `${r.added + r.renewed} telephones were added` };
    },
  }),
  remove_dnc: wolkvoxApi({
    method: 'DELETE', summary: 'Take numbers off the do-not-call list ("All": every number); numbers not on it are skipped',
    success: changed(202, 'number', '{n} telephones were deleted', { msgExamples: { n: '1' } }),
    query: {}, body: dncRemoveBody,
    async run(engine, access, _q, b) {
      const n = await engine.configuration.removeDncNumbers(access, b.telephones);
      return { msg: `${n} telephones were deleted` };
    },
  }),
  create_agent: wolkvoxApi({
    method: 'POST', summary: 'Create an agent with the next free extension, and its console user (agent_pass, or a random password answered once)',
    success: changed(201, 'number', 'Agent has been created', {
      data: dataSchemas.rows({ agent_id: ['the new extension', '1011'], password: ['the console password (agent_pass, or the random one made)', 'Secret#2026'] }, { minItems: 1, maxItems: 1 }),
    }),
    query: {}, body: objectBody(agentProfile),
    async run(engine, access, _q, b) {
      const { agentId, password: pass } = await engine.agents.create(access, { name: b.agent_name, dni: b.agent_dni, sso: b.agent_sso }, b.agent_pass ?? null);
      return { msg: 'Agent has been created', data: [{ agent_id: agentId, password: pass }] };
    },
  }),
  edit_agent: wolkvoxApi({
    method: 'PUT', summary: 'Change an agent\'s name, document, SSO id or console password (each optional)',
    success: changed(202, 'number', 'agent has been updated'),
    query: { agent_id: p.agentId }, body: objectBody(agentEdit),
    async run(engine, access, q, b) {
      await engine.agents.edit(access, q.agent_id, { name: b.agent_name, dni: b.agent_dni, sso: b.agent_sso }, b.agent_pass);
      return { msg: 'agent has been updated' };
    },
  }),
  disable_agent: wolkvoxApi({
    method: 'PUT', summary: 'Disable a logged-out agent: it cannot sign in to the console or go ready until enabled',
    success: changed(202, 'number', '{agent_id} agent has been disabled'), query: {}, body: agentIdBody,
    async run(engine, access, _q, b) {
      await engine.agents.setEnabled(access, b.agent_id, false);
      return { msg: `${b.agent_id} agent has been disabled` };
    },
  }),
  enable_agent: wolkvoxApi({
    method: 'PUT', summary: 'Enable an agent: it may sign in and go ready again',
    success: changed(202, 'number', '{agent_id} agent has been enabled'), query: {}, body: agentIdBody,
    async run(engine, access, _q, b) {
      await engine.agents.setEnabled(access, b.agent_id, true);
      return { msg: `${b.agent_id} agent has been enabled` };
    },
  }),
  create_skill: wolkvoxApi({
    method: 'POST', summary: 'Create a skill with the next free id (voicemail, welcome_message and vto are read: Pacer plays no audio)',
    success: changed(201, 'number', 'Skill has been created', { data: dataSchemas.rows({ skill_id: ['the new skill\'s id', '8'] }, { minItems: 1, maxItems: 1 }) }),
    query: {}, body: objectBody({ skill_name: example(text(100), 'Sales'), ...skillFields }),
    async run(engine, access, _q, b) {
      const { skillId } = await engine.skills.create(access, b.skill_name, b.description_skill ?? '');
      return { msg: 'Skill has been created', data: [{ skill_id: String(skillId) }] };
    },
  }),
  edit_skill: wolkvoxApi({
    method: 'PUT', summary: 'Change a skill\'s name or description (each optional)',
    success: changed(202, 'number', 'skill has been updated'),
    query: { skill_id: p.skillId }, body: objectBody({ skill_name: optional(example(text(100), 'Sales')), ...skillFields }),
    async run(engine, access, q, b) {
      await engine.skills.edit(access, q.skill_id, { name: b.skill_name, description: b.description_skill });
      return { msg: 'skill has been updated' };
    },
  }),
  add_agents_skill: wolkvoxApi({
    method: 'POST', summary: 'Give an agent a skill with an expertise (1–10), or change its expertise',
    success: changed(201, 'string', 'Agent {agent_id} added to skill {skill_id} of operation'),
    query: {}, body: objectBody({ skill_id: p.skillId, agent_id: p.agentId, expertise: optional(expertise) }),
    async run(engine, access, _q, b) {
      await engine.agents.addSkill(access, b.agent_id, b.skill_id, b.expertise ?? 5);
      return { msg: `Agent ${b.agent_id} added to skill ${b.skill_id} of operation` };
    },
  }),
  remove_agents_skill: wolkvoxApi({
    method: 'DELETE', summary: 'Take a skill from an agent',
    success: changed(201, 'string', 'Removed successfully'),
    query: {}, body: objectBody({ skill_id: p.skillId, agent_id: p.agentId }),
    async run(engine, access, _q, b) {
      await engine.agents.removeSkill(access, b.agent_id, b.skill_id);
      return { msg: 'Removed successfully' };
    },
  }),
  create_cod_act: wolkvoxApi({
    method: 'POST', summary: 'Create an activity code of group 1 or 2 with its flags (each yes or no, default no)',
    success: changed(201, 'number', 'Code successfully created'), query: {}, body: codeBody,
    async run(engine, access, _q, b) {
      const flags = Object.entries(flagsOf(b)).flatMap(([f, on]) => (on ? [f] : []));
      await engine.configuration.createActivityCode(access, groupOf(b.type_code), b.cod_act, b.description_cod_act, flags);
      return { msg: 'Code successfully created' };
    },
  }),
  edit_cod_act: wolkvoxApi({
    method: 'PUT', summary: 'Change an activity code\'s description and the flags given',
    success: changed(201, 'string', 'Successfully updated code'), query: {}, body: codeEditBody,
    async run(engine, access, _q, b) {
      await engine.configuration.editActivityCode(access, groupOf(b.type_code), b.cod_act, { name: b.description_cod_act, flags: flagsOf(b) });
      return { msg: 'Successfully updated code' };
    },
  }),
  remove_cod_act: wolkvoxApi({
    method: 'DELETE', summary: 'Remove activity codes (one, or a JSON array: all or none); calls already given them keep them',
    success: changed(201, 'string', 'Removed successfully'), query: {},
    body: objectBody({ type_code: typeCode, cod_act: { ...listOf(p.code, 1000, 'array'), parse: (raw: unknown) => (Array.isArray(raw) ? listOf(p.code, 1000, 'array').parse(raw) : listOf(p.code, 1, 'commas').parse(raw)) } }),
    async run(engine, access, _q, b) {
      await engine.configuration.removeActivityCodes(access, groupOf(b.type_code), b.cod_act);
      return { msg: 'Removed successfully' };
    },
  }),
  add_ip: wolkvoxApi({
    method: 'POST', summary: 'Allow an IP address: once the operation has one, its tokens are refused from any other (permanent, at most 5; else 24 h)',
    success: changed(201, 'string', 'IP: {ip} has been added successfully'),
    query: {}, body: objectBody({ ip: address, permanent: optional(yesNo), description: optional(p.description) }),
    async run(engine, access, _q, b) {
      const ip = checkedAddress(b.ip);
      await asWolkvox(engine.allowList.add(access, { address: ip, permanent: b.permanent ?? false, description: b.description ?? '' }));
      return { msg: `IP: ${ip} has been added successfully` };
    },
  }),
  remove_ip: wolkvoxApi({
    method: 'DELETE', summary: 'Remove an allowed IP address (with none left, tokens are accepted from anywhere)',
    success: changed(202, 'string', 'IP: {ip} has been deleted successfully'),
    query: {}, body: objectBody({ ip: address }),
    async run(engine, access, _q, b) {
      const ip = checkedAddress(b.ip);
      await engine.allowList.remove(access, ip);
      return { msg: `IP: ${ip} has been deleted successfully` };
    },
  }),
  // The collection's wire names, typos included: id_campaing, id_cliente.
  block_predictive_dnc: wolkvoxApi({
    method: 'PUT', summary: 'Close records of a predictive campaign as do-not-call (ids it does not have are skipped)',
    success: changed(202, 'string', '{n} records were successfully marked as DO-NOT-CALL in campaign {id_campaing}', { msgExamples: { n: '1' } }),
    query: {}, body: objectBody({ id_campaing: p.campaignId, id_cliente: listOf(p.customerId, 10_000, 'array') }),
    async run(engine, access, _q, b) {
      const { blocked } = await engine.campaign.blockRecords(access, b.id_campaing, b.id_cliente);
      return { msg: `${blocked} records were successfully marked as DO-NOT-CALL in campaign ${b.id_campaing}` };
    },
  }),
};
