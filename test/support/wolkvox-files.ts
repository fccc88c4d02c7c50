// Helpers of the information.php and configuration.php suites: requests with the test token (or
// another), native calls made the way an integrator makes them, and the checks every list answer
// must pass (every value of every row a string, the field names exactly).
import assert from 'node:assert/strict';
import { TOKEN, type TestPacer } from './pacer.ts';

export type Answer = { status: number; json: Record<string, unknown> };
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** A request to /api/v2/<file>.php?api=… with the test token (or `token`), from 127.0.0.1 unless said. */
export async function wolkvox(p: TestPacer, file: string, method: Method, api: string, query: Record<string, string> = {}, body?: unknown,
  opts: { token?: string; from?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = `/api/v2/${file}.php?${new URLSearchParams({ api, ...query }).toString()}`;
  const r = await p.call({
    method, url, remoteAddress: opts.from ?? '127.0.0.1',
    headers: { 'wolkvox-token': opts.token ?? TOKEN, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...opts.headers },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: r.statusCode, json: r.json };
}

export const info = (p: TestPacer, api: string, query: Record<string, string> = {}, opts: { token?: string; from?: string } = {}) =>
  wolkvox(p, 'information', 'GET', api, query, undefined, opts);
export const conf = (p: TestPacer, method: Method, api: string, body?: unknown, query: Record<string, string> = {}, opts: { token?: string; from?: string } = {}) =>
  wolkvox(p, 'configuration', method, api, query, body, opts);

/** A native request with a bearer token (the test token unless said), from 127.0.0.1 unless said. */
export async function native(p: TestPacer, method: Method, url: string, body?: unknown, opts: { token?: string; from?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const r = await p.call({
    method, url, remoteAddress: opts.from ?? '127.0.0.1', headers: { authorization: `Bearer ${opts.token ?? TOKEN}`, ...opts.headers },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return { status: r.statusCode, json: r.json };
}

/** A new token of the operation with a role; its value. */
export async function tokenWithRole(p: TestPacer, role: 'admin' | 'supervisor' | 'agent', agentId?: string): Promise<string> {
  const r = await native(p, 'POST', '/v1/tokens', { description: `${role} token`, role, ...(agentId ? { agent_id: agentId } : {}) });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return String(r.json.token);
}

/**
 * A list answer: the status, the code (its JSON type as the collection shows it), the wolkvox
 * message, and every row with exactly `fields`, each value a string. Returns the rows.
 */
export function rows(r: Answer, code: number | string, fields: readonly string[], msg?: string): Record<string, string>[] {
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual(Object.keys(r.json), ['code', 'error', 'msg', 'data']);
  assert.equal(r.json.code, code);
  assert.equal(r.json.error, null);
  const data = r.json.data as Record<string, unknown>[];
  assert.ok(Array.isArray(data), 'data is an array');
  assert.equal(r.json.msg, msg ?? `${data.length} records were found`);
  for (const row of data) {
    assert.deepEqual(Object.keys(row), fields);
    for (const [k, v] of Object.entries(row)) assert.equal(typeof v, 'string', `${k} is a string: ${JSON.stringify(v)}`);
  }
  return data as Record<string, string>[];
}

/** A success without rows: status, code (its JSON type), message. */
export function done(r: Answer, code: number | string, msg: string): void {
  assert.equal(r.status, Number(code), JSON.stringify(r.json));
  assert.equal(r.json.code, code);
  assert.equal(r.json.error, null);
  assert.equal(r.json.msg, msg);
}

/** A refusal: the envelope with a numeric code equal to the status, a message matching. */
export function refusedWith(r: Answer, status: number, msg: string | RegExp): void {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.deepEqual(Object.keys(r.json), ['code', 'error', 'msg']);
  assert.equal(r.json.code, status);
  assert.equal(typeof r.json.error, 'string');
  if (typeof msg === 'string') assert.equal(r.json.msg, msg);
  else assert.match(String(r.json.msg), msg);
}
