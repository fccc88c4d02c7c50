// Behaviour check for refactors: builds a Pacer from the checkout given as argument (in process, on
// an in-memory embedded store, a virtual clock from Monday 2026-03-02 15:00Z and the seeded demo
// carrier), sends one long fixed sequence of wolkvox (agentbox.php, campaign.php) and native (/v1)
// requests through app.inject(), and prints one line per request: #n method url status
// content-type body. Values random by design (call ids, token values, webhook secrets) are printed
// as <id1>, <id2>… in order of first appearance; everything else is verbatim. Diff two checkouts:
//   git worktree add ../pacer-before <commit> && (cd ../pacer-before && npm ci)
//   node scripts/compare-answers.ts ../pacer-before > /tmp/before.txt
//   node scripts/compare-answers.ts . > /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type AppModule = typeof import('../src/app.ts');
type ConfigModule = typeof import('../src/config.ts');
type DemoModule = typeof import('../src/demo.ts');
type ClockModule = typeof import('../src/engine/virtual-clock.ts');
type TelephonyModule = typeof import('../src/adapters/telephony/simulated.ts');

const dirArg = process.argv[2];
if (!dirArg) throw new Error('usage: node scripts/compare-answers.ts <checkout directory>');
const dir = resolve(dirArg);
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(resolve(dir, file)).href)) as T;
const { createPacer } = await load<AppModule>('src/app.ts');
const { loadConfig } = await load<ConfigModule>('src/config.ts');
const { ensureDemo } = await load<DemoModule>('src/demo.ts');
const { virtualClock } = await load<ClockModule>('src/engine/virtual-clock.ts');
const { simulatedTelephony, demoProfile } = await load<TelephonyModule>('src/adapters/telephony/simulated.ts');

const TOKEN = 'compare-token-0001';
const ADMIN = 'compare-admin-token-000000001';
const START = Date.parse('2026-03-02T15:00:00Z'); // Monday 10:00 in Bogota
const clock = virtualClock(START);
const pacer = await createPacer(loadConfig({ LOG_LEVEL: 'silent', PACER_ADMIN_TOKEN: ADMIN }), {
  clock, telephony: simulatedTelephony(clock, demoProfile), inMemory: true,
});
await ensureDemo(pacer.database.db, clock.now(), TOKEN);

// Random values: call ids are 32 hex digits wherever they appear; token values and webhook
// secrets are learnt from the "token" and "secret" fields that carry them.
const placeholders = new Map<string, string>();
const learn = (text: string) => {
  const found = [...text.matchAll(/(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])|"(?:token|secret)":"([^"]+)"/g)];
  for (const m of found) {
    const value = m[1] ?? m[0];
    if (!placeholders.has(value)) placeholders.set(value, `<id${placeholders.size + 1}>`);
  }
};
const stable = (text: string) => [...placeholders].reduce((t, [value, name]) => t.replaceAll(value, name), text);

type Json = Record<string, unknown>;
let n = 0;
async function send(method: string, url: string, headers: Record<string, string> = {}, body?: unknown): Promise<Json> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await pacer.app.inject({
    method: method as 'GET', url, headers: { ...(payload !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
  learn(res.body);
  const type = res.headers['content-type'];
  const line = `#${String(++n).padStart(3, '0')} ${method} ${url} ${res.statusCode} ${typeof type === 'string' ? type : '-'} ${res.body}`;
  console.log(stable(line).replaceAll('\n', '\\n'));
  try {
    return JSON.parse(res.body) as Json;
  } catch {
    return {};
  }
}

const wolkvox = { 'wolkvox-token': TOKEN };
const agentbox = (api: string, q: Record<string, string> = {}, headers: Record<string, string> = wolkvox, method = 'POST') =>
  send(method, `/api/v2/agentbox.php?${new URLSearchParams({ api, ...q }).toString()}`, headers);
const campaign = (method: string, api: string, q: Record<string, string> = {}, body?: unknown, headers: Record<string, string> = wolkvox) =>
  send(method, `/api/v2/campaign.php?${new URLSearchParams({ api, ...q }).toString()}`, headers, body);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const v1 = (method: string, url: string, body?: unknown, headers: Record<string, string> = bearer(TOKEN)) => send(method, url, headers, body);
const tick = (seconds: number) => clock.advance(seconds * 1000);
const iso = (secondsFromNow: number) => new Date(clock.now() + secondsFromNow * 1000).toISOString();
const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

// ---- agentbox.php (agent_id first) ----
const ab = (agent: string, api: string, q: Record<string, string> = {}) => agentbox(api, { agent_id: agent, ...q });
const status = (agent: string, value: string) => ab(agent, 'change_status', { status: value });
await status('1001', 'ready'); await status('1001', '1'); await status('1001', 'bad'); await status('1001', '99');
await status('1001', 'logout'); await status('9999', 'ready');
await ab('1001', 'hold'); await ab('1001', 'dial', { customer_phone: '3005550101' });
await status('1001', 'ready');
await ab('1001', 'dial', { customer_phone: '3005550101', customer_id: 'C-1', customer_name: 'Ann Example' });
await ab('1001', 'dial', { customer_phone: '3005550109' });
await tick(5); // the demo carrier answers after 1–3 s
await ab('1001', 'hold'); await ab('1001', 'hold'); await ab('1001', 'mute');
await ab('1001', 'dtmf', { tones: '12#*' }); await ab('1001', 'dtmf', { tones: 'xyz' });
await ab('1001', 'agent_display', { display: 'hide', button: 'dial' });
await ab('1001', 'agent_display', { display: 'show', button: 'dial' });
await ab('1001', 'agent_display', { display: 'show', button: 'nope' });
await status('1001', '2'); await ab('1001', 'transfer', { customer_phone: '3005550102' });
await tick(3);
await ab('1001', 'type', { cod_act: 'SALE', cod_act_2: 'NEW', comments: 'first call' });
await ab('1001', 'type', { cod_act: 'NOPE', cod_act_2: 'NEW' });
await status('1001', 'ready'); await ab('1001', 'dial', { customer_phone: '3005550103' });
await tick(4);
await ab('1001', 'hang_type_ready', { cod_act: 'NOSALE', comments: 'second call' }); await ab('1001', 'hang');
await ab('1001', 'dial', { customer_phone: '3005550104' });
await tick(4);
await ab('1001', 'hang');
for (const [date, type] of [['20260303100000', 'auto'], ['20260230250000', 'manual'], ['20250101100000', 'auto'], ['20260303100000', 'later']]) {
  await ab('1001', 'recall', { customer_phone: '3005550104', date: date ?? '', type_recall: type ?? '' });
}
await ab('1001', 'type', { cod_act: 'CALLBACK', cod_act_2: 'EXISTING' });
await ab('1002', 'aux_call', { customer_phone: '3005550105' }); await status('1002', '3');
await ab('1002', 'aux_call', { customer_phone: '3005550105' });
await ab('1001', 'nope'); await ab('1001', '');
await agentbox('hold', { agent_id: '1001' }, {});
await agentbox('hold', { agent_id: '1001' }, { 'wolkvox-token': 'not-a-token' });
await agentbox('hold', { agent_id: '1001' }, wolkvox, 'GET');
await ab('1001', 'dial'); await agentbox('dial', { customer_phone: '3005550106' });
await agentbox('hold', { agent_id: '1001' }, { ...wolkvox, wolkvox_server: '0002' });
await status('1001', 'logout');
await tick(20);

// ---- campaign.php ----
const c3 = { campaign_id: '3' };
await campaign('POST', 'create_campaign', { type_campaign: 'predictive' }, { campaign_name: 'Compare wolkvox', campaign_description: 'diff', opt1: 'City' });
await campaign('POST', 'create_campaign', { type_campaign: 'outbound' }, { campaign_name: 'Bad type' });
await campaign('POST', 'create_campaign', { type_campaign: 'predictive' }, {});
await campaign('GET', 'create_campaign', { type_campaign: 'predictive' }, { campaign_name: 'Wrong method' });
await campaign('POST', 'add_record', { ...c3, type_campaign: 'predictive' }, [
  { customer_id: 'W1', customer_name: 'Wanda', tel1: '3007770001', opt1: 'Cali' }, { customer_id: 'W2', customer_name: 'Walt', tel1: '3007770002' },
  { customer_id: 'W3', tel1: '3007770003', tel2: '3007770013' }, { customer_id: 'W4', tel1: '12' }, { tel1: '3007770005' },
  { customer_id: 'W6', tel1: '3007770006', recall_date: '20250101000000' }, 'not an object',
]);
await campaign('POST', 'add_record', c3, { not: 'an array' }); await campaign('POST', 'add_record', c3, '{broken json');
await campaign('POST', 'add_record', { campaign_id: '404' }, [{ customer_id: 'X', tel1: '3007770009' }]);
await campaign('PUT', 'start', { ...c3, type_campaign: 'preview' });
await campaign('PUT', 'start', { ...c3, type_campaign: 'predictive' }); await campaign('PUT', 'start', { ...c3, type_campaign: 'predictive' });
await campaign('PUT', 'speed', c3, { speed: 50 }); await campaign('PUT', 'speed', c3, { speed: 500 });
await status('1003', 'ready');
await tick(10); // the dialer calls W1 and connects it to 1003
await ab('1003', 'hang'); await ab('1003', 'aux_call', { customer_phone: '3007770021' });
await tick(4);
await ab('1003', 'hang_type_ready', { cod_act: 'SALE', cod_act_2: 'NEW' });
await tick(10);
await campaign('DELETE', 'delete_campaign', c3); await campaign('PUT', 'stop', c3); await campaign('PUT', 'stop', c3);
await ab('1003', 'hang_type_ready', { cod_act: 'NOSALE' }); await status('1003', 'logout');
await tick(20);
await campaign('PUT', 'recall', c3, { recall_date: '20260304113000', recall_telephone: '3007770011', customer_id: 'W3' });
await campaign('PUT', 'recall', c3, { recall_date: '2026-03-04', recall_telephone: '3007770011', customer_id: 'W3' });
await campaign('PUT', 'recall', c3, { recall_date: '20260304113000', recall_telephone: '3007770011', customer_id: 'NOBODY' });
await campaign('PUT', 'codify', c3, { cod_act: 'SALE', cod_act_2: 'NEW', comment: 'codified', customer_id: 'W2' });
await campaign('PUT', 'codify', c3, { cod_act: 'SALE', customer_id: 'NOBODY' });
await campaign('GET', 'find_record', { customer_id: 'W3' }); await campaign('GET', 'find_record', c3);
await campaign('GET', 'find_record', { customer_phone: '3007770001' });
await campaign('GET', 'detail', { ...c3, date_ini: '20260302000000', date_end: '20260303000000' });
await campaign('GET', 'detail', { ...c3, date_ini: '20260302', date_end: '20260303000000' });
await campaign('DELETE', 'remove_record', c3, { customer_id: 'W1' }); await campaign('DELETE', 'remove_record', c3, { customer_id: 'W1' });
await campaign('DELETE', 'clear_campaign', { ...c3, result: 'answer' }); await campaign('DELETE', 'clear_campaign', c3);
await campaign('GET', 'find_record', c3);
await campaign('DELETE', 'delete_campaign', { ...c3, type_campaign: 'preview' });
await campaign('DELETE', 'delete_campaign', c3); await campaign('DELETE', 'delete_campaign', c3);
await campaign('PUT', 'start', { campaign_id: '1' }, undefined, {}); await campaign('PUT', 'nope', { campaign_id: '1' });
await tick(5);

// ---- native /v1 ----
const a4 = '/v1/agents/1004';
await v1('GET', '/v1/operation'); await v1('GET', '/v1/agents'); await v1('GET', '/v1/agents?state=ready');
await v1('GET', '/v1/agents?state=sleeping'); await v1('GET', '/v1/agents/1001'); await v1('GET', '/v1/agents/9999');
await v1('PUT', '/v1/agents/1099', { name: 'New agent' }); await v1('PUT', '/v1/agents/1099', { name: 'Renamed agent' });
await v1('PUT', '/v1/agents/1099', { name: '' });
await v1('POST', `${a4}/status`, { status: 'ready' }); await v1('POST', `${a4}/status`, { status: 'asleep' }); await v1('POST', `${a4}/hold`);
const dialed = await v1('POST', `${a4}/dial`, { phone: '3006660001', customer_id: 'N-1', customer_name: 'Nia' });
await v1('POST', `${a4}/dial`, { phone: 'abc' });
await tick(5);
await v1('POST', `${a4}/hold`); await v1('POST', `${a4}/hold`); await v1('POST', `${a4}/mute`);
await v1('POST', `${a4}/dtmf`, { tones: '55#' });
await v1('POST', `${a4}/display`, { button: 'hungup', show: false }); await v1('POST', `${a4}/display`, { button: 'hungup' });
await v1('POST', `${a4}/transfer`, { to: '3006660002' });
await tick(3);
await v1('POST', `${a4}/disposition`, { cod_act: 'SALE', cod_act_2: 'EXISTING', comments: 'native' });
await v1('POST', `${a4}/status`, { status: 'ready' }); await v1('POST', `${a4}/dial`, { phone: '3006660003' });
await tick(4);
await v1('POST', `${a4}/hang`); await v1('POST', `${a4}/hang`); await v1('POST', `${a4}/disposition`, { cod_act: 'NOSALE' });
await v1('POST', `${a4}/recall`, { phone: '3006660003', at: iso(86_400), type: 'manual' });
await v1('POST', `${a4}/recall`, { phone: '3006660003', at: 'tomorrow', type: 'manual' });
await v1('POST', `${a4}/status`, { status: 'ready' }); await v1('POST', '/v1/agents/1099/status', { status: 1 });
await tick(2);
await v1('GET', '/v1/calls'); await v1('GET', '/v1/calls?agent=1004&limit=2');
await v1('GET', `/v1/calls/${str(dialed.conn_id)}`); await v1('GET', '/v1/calls/0123456789');
const agentCallback = await v1('POST', '/v1/callbacks', { agent_id: '1004', phone: '3006660004', due_at: iso(60) });
const recall = await v1('POST', '/v1/callbacks', { campaign_id: '1', customer_id: '100001', phone: '3001000000', due_at: iso(7200) });
await v1('POST', '/v1/callbacks', { agent_id: '1004', campaign_id: '1', phone: '3006660004', due_at: iso(60) });
await v1('POST', '/v1/callbacks', { agent_id: '1004', phone: '3006660004', due_at: iso(-60) });
const cb = `/v1/callbacks/${str(recall.id)}`;
await v1('GET', '/v1/callbacks'); await v1('GET', cb); await v1('PATCH', cb, { due_at: iso(10_800) });
await v1('POST', `${cb}/cancel`); await v1('POST', `${cb}/cancel`); await v1('PATCH', cb, { due_at: iso(10_800) });
await v1('GET', '/v1/callbacks/999999');
await tick(70); // the agent's callback falls due and is dialled for 1004
await v1('GET', `/v1/callbacks/${str(agentCallback.id)}`); await v1('GET', a4); await v1('POST', `${a4}/hang`);
await tick(20);
const created = await v1('POST', '/v1/campaigns', { type: 'preview', name: 'Native campaign', start_time: '08:00', end_time: '18:00' });
const c = `/v1/campaigns/${str(created.id)}`;
await v1('POST', '/v1/campaigns', { type: 'preview' }); await v1('GET', '/v1/campaigns'); await v1('GET', c);
await v1('PATCH', c, { speed: 30, status: 'started' }); await v1('DELETE', c); await v1('PATCH', c, { status: 'stopped' });
await v1('PATCH', c, {}); await v1('DELETE', c); await v1('GET', c);
await v1('POST', '/v1/campaigns/1/records', { records: [{ customer_id: 'N1', tel1: '3008880001', customer_name: 'Noor' }, { customer_id: '100002', tel1: '3008880002' }, { customer_id: 'N3', tel1: 'x' }] });
await v1('POST', '/v1/campaigns/77/records', { records: [{ customer_id: 'N1', tel1: '3008880001' }] });
await v1('GET', '/v1/records?campaign=1&limit=3'); await v1('GET', '/v1/records?customer_id=N1');
await v1('GET', '/v1/campaigns/1/records/100002'); await v1('GET', '/v1/campaigns/1/records/NOBODY');
await v1('PUT', '/v1/skills/7', { name: 'Spanish' }); await v1('GET', '/v1/skills');
await v1('PUT', '/v1/agents/1001/skills', { skills: [7] }); await v1('PUT', '/v1/agents/1001/skills', { skills: [8] });
await v1('GET', '/v1/aux-states'); await v1('GET', '/v1/activity-codes');
await tick(3); // spreads the native requests: newer checkouts limit a token to bursts of 100 on the engine's clock
await v1('POST', '/v1/dnc', { phones: ['3009990001', '3009990002'], reason: 'asked', days: 30 }); await v1('GET', '/v1/dnc');
await v1('DELETE', '/v1/dnc/3009990001'); await v1('DELETE', '/v1/dnc/3009990001');
const token = await v1('POST', '/v1/tokens', { description: 'second token' });
await v1('GET', '/v1/tokens'); await v1('GET', '/v1/operation', undefined, bearer(str(token.token)));
await v1('DELETE', `/v1/tokens/${str(token.id)}`); await v1('GET', '/v1/operation', undefined, bearer(str(token.token)));
await v1('DELETE', '/v1/tokens/999');
const hook = await v1('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', types: ['agent.'] });
await v1('POST', '/v1/webhooks', { url: 'not a url' }); await v1('GET', '/v1/webhooks');
await status('1006', 'ready');
await tick(5); // the webhook dispatcher tries 127.0.0.1:9 (refused)
await v1('GET', `/v1/webhooks/${str(hook.id)}/deliveries`); await v1('DELETE', `/v1/webhooks/${str(hook.id)}`);
await v1('GET', `/v1/webhooks/${str(hook.id)}/deliveries`);
await v1('GET', '/v1/events?limit=50'); await v1('GET', '/v1/events?after=50&limit=50&type=call.'); await v1('GET', '/v1/events?limit=0');
await tick(3);
const key = (k: string) => ({ ...bearer(TOKEN), 'idempotency-key': k });
await v1('POST', '/v1/dnc', { phones: ['3009990003'] }, key('compare-key-1')); await v1('POST', '/v1/dnc', { phones: ['3009990003'] }, key('compare-key-1'));
await v1('POST', '/v1/dnc', { phones: ['3009990004'] }, key('compare-key-1'));
await v1('POST', '/v1/tokens', { description: 'keyed' }, key('compare-key-2')); await v1('POST', '/v1/tokens', { description: 'keyed' }, key('compare-key-2'));
const admin = bearer(ADMIN);
await v1('GET', '/v1/operations', undefined, admin);
const op = await v1('POST', '/v1/operations', { id: '0002', name: 'Second', time_zone: 'America/Mexico_City', licenses: 5 }, admin);
await v1('POST', '/v1/operations', { id: '0001', name: 'Taken', time_zone: 'America/Bogota' }, admin);
await v1('POST', '/v1/operations', { id: '0003', name: 'Bad zone', time_zone: 'Mars/Olympus' }, admin);
await v1('GET', '/v1/operations/0002', undefined, admin); await v1('GET', '/v1/operations/0009', undefined, admin);
await v1('PATCH', '/v1/operations/0002', { licenses: 7, acw_s: 20 }, admin);
const minted = await v1('POST', '/v1/operations/0002/tokens', { description: 'minted' }, admin);
await v1('GET', '/v1/operation', undefined, bearer(str(minted.token)));
await v1('GET', '/v1/agents', undefined, bearer(str((op.token as Json | undefined)?.token)));
await v1('GET', '/v1/operations', undefined, bearer(TOKEN)); await v1('GET', '/v1/operations', undefined, bearer('wrong-admin-token-00000'));
await v1('GET', '/v1/operation', undefined, bearer('no-such-token')); await v1('GET', '/v1/operation', undefined, {});
await v1('GET', '/v1/nope');
await v1('POST', '/v1/dnc', '{"phones": [', { ...bearer(TOKEN), 'content-type': 'application/json' });
await v1('POST', '/v1/dnc', { phones: 'one' });
await v1('GET', '/v1/agents/1001'); await v1('GET', '/v1/events?after=90&limit=50');

// Last, as a number dialled here would shift all later state: numbers the outbound policy refuses.
await status('1005', 'ready'); await ab('1005', 'dial', { customer_phone: '911' });
await status('1007', 'ready'); await ab('1007', 'dial', { customer_phone: '3009990002' });
await v1('POST', '/v1/agents/1006/dial', { phone: '573009990002' });

await pacer.close();
console.error(`${n} requests`);
