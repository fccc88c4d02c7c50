// `pacer agents | calls | tokens | events | operation`: the native API from the command line.
import { parseArgs } from 'node:util';
import type { AgentPhone } from '../../packages/client/src/index.ts';
import { roles, type Role } from '@pacer/vocabulary';
import { commonOptions, pacerClient, target, UsageError } from './cli-config.ts';
import { pageTable, print, table } from './output.ts';
import { passwordArg } from './trunks.ts';

const agentColumns = ['id', 'name', 'state', 'aux_id', 'next_state', 'call_id', 'state_since'];
const callColumns = ['id', 'agent_id', 'campaign_id', 'phone', 'origin', 'state', 'result', 'placed_at'];

export async function runAgents(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { ...commonOptions, state: { type: 'string' }, limit: { type: 'string' }, password: { type: 'string' }, contact: { type: 'string' }, remove: { type: 'boolean' } },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'list', id, ...rest] = positionals;
  if (action === 'list') {
    const page = await client.agents.list({ state: values.state as never, limit: values.limit ? Number(values.limit) : undefined, cursor: values.cursor });
    print(t.json, page, () => pageTable(page, agentColumns));
    return 0;
  }
  if (!id) throw new UsageError(`pacer agents ${action} needs an agent id`);
  if (action === 'get') {
    const agent = await client.agents.get(id);
    print(t.json, agent, () => table([agent], agentColumns));
    return 0;
  }
  if (action === 'status') {
    const status = rest[0];
    if (!status) throw new UsageError('pacer agents status ID ready|logout|AUX_ID');
    const r = await client.agents.setStatus(id, status === 'ready' || status === 'logout' ? status : Number(status));
    print(t.json, r, () => `agent ${id}: ${r.agent.state}${r.deferred ? ` (then ${r.agent.next_state ?? ''} when the call ends)` : ''}`);
    return 0;
  }
  if (action === 'dial') {
    const phone = rest[0];
    if (!phone) throw new UsageError('pacer agents dial ID PHONE');
    const r = await client.agents.dial(id, { phone });
    print(t.json, r, () => `agent ${id} dialling ${phone}: conn_id ${r.conn_id}`);
    return 0;
  }
  if (action === 'hold' || action === 'mute' || action === 'hang') {
    const r = await client.agents[action](id);
    print(t.json, r, () => `agent ${id}: ${r.agent.state}`);
    return 0;
  }
  if (action === 'phone') return agentPhone(t, id, values);
  throw new UsageError(`unknown agents action "${action}": list, get, status, dial, hold, mute, hang, phone`);
}

const phoneUsage = 'pacer agents phone ID [--password P|- | --contact SIP_URI | --remove]   (--password -: read it from standard input)';

const describePhone = (p: AgentPhone) => {
  if (p.mode !== 'registration') return `agent ${p.agent_id}: its phone is at ${p.contact ?? ''}`;
  const now = p.registration ? `registered at ${p.registration.contact} until ${p.registration.expires_at}` : 'not registered';
  return `agent ${p.agent_id}: its phone registers as <operation>-${p.agent_id} (password set); ${now}`;
};

/** `pacer agents phone ID`: shows the agent's SIP phone, or sets or removes it. */
async function agentPhone(t: ReturnType<typeof target>, id: string, v: { password?: string; contact?: string; remove?: boolean }): Promise<number> {
  const given = [v.password !== undefined, v.contact !== undefined, v.remove === true].filter(Boolean).length;
  if (given > 1) throw new UsageError(`give one of --password, --contact or --remove: ${phoneUsage}`);
  const client = pacerClient(t);
  if (v.remove) {
    await client.agents.removePhone(id);
    print(t.json, { agent_id: id, phone: null }, () => `agent ${id}: phone removed`);
    return 0;
  }
  const phone = v.password !== undefined ? await client.agents.setPhone(id, { password: passwordArg(v.password) })
    : v.contact !== undefined ? await client.agents.setPhone(id, { contact: v.contact })
      : await client.agents.getPhone(id);
  print(t.json, phone, () => describePhone(phone));
  return 0;
}

export async function runCalls(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { ...commonOptions, agent: { type: 'string' }, campaign: { type: 'string' }, state: { type: 'string' }, limit: { type: 'string' } },
  });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'list', id] = positionals;
  if (action === 'get' && id) {
    const call = await client.calls.get(id);
    print(t.json, call, () => table([call], callColumns));
    return 0;
  }
  if (action !== 'list') throw new UsageError('pacer calls [list] [--agent A] [--campaign C] [--state S] | pacer calls get CONN_ID');
  const page = await client.calls.list({ agent: values.agent, campaign: values.campaign, state: values.state as never, limit: values.limit ? Number(values.limit) : undefined, cursor: values.cursor });
  print(t.json, page, () => pageTable(page, callColumns));
  return 0;
}

export async function runTokens(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...commonOptions, role: { type: 'string' }, agent: { type: 'string' } } });
  const t = target(values);
  const client = pacerClient(t);
  const [action = 'list', arg] = positionals;
  if (action === 'list') {
    const page = await client.tokens.list({ cursor: values.cursor });
    print(t.json, page, () => pageTable(page, ['id', 'description', 'role', 'agent_id', 'created_at', 'revoked_at']));
  } else if (action === 'create' && arg) {
    const role = values.role === undefined ? undefined : roleOf(values.role);
    const created = await client.tokens.create(arg, { role, agent_id: values.agent });
    print(t.json, created, () => `token ${created.id} (${created.description}, ${created.role}${created.agent_id ? ` of agent ${created.agent_id}` : ''}): ${created.token}\nShown once; Pacer keeps only its hash.`);
  } else if (action === 'revoke' && arg) {
    await client.tokens.revoke(arg);
    print(t.json, { revoked: arg }, () => `token ${arg} revoked`);
  } else {
    throw new UsageError('pacer tokens [list] | create DESCRIPTION [--role admin|supervisor|agent] [--agent ID] | revoke ID');
  }
  return 0;
}

function roleOf(value: string): Role {
  const role = roles.find((r) => r === value);
  if (!role) throw new UsageError(`--role must be one of ${roles.join(', ')}, not ${value}`);
  return role;
}

export async function runEvents(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args, options: { ...commonOptions, follow: { type: 'boolean', short: 'f' }, agent: { type: 'string' }, campaign: { type: 'string' }, type: { type: 'string' }, after: { type: 'string' } },
  });
  const t = target(values);
  const client = pacerClient(t);
  const filter = { agent: values.agent, campaign: values.campaign, types: values.type?.split(','), after: values.after ? Number(values.after) : undefined };
  const line = (e: { seq: number; at: string; type: string; agent_id: string | null; call_id: string | null; data: unknown }) =>
    t.json ? JSON.stringify(e) : `${e.seq}\t${e.at}\t${e.type}\t${e.agent_id ?? '-'}\t${e.call_id ?? '-'}\t${JSON.stringify(e.data)}`;
  if (!values.follow) {
    const page = await client.events.list({ ...filter, limit: 500 });
    for (const e of page.data) console.log(line(e));
    return 0;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  for await (const e of client.events.stream({ ...filter, signal: controller.signal })) console.log(line(e));
  return 0;
}
