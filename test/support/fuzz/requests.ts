// The fuzz test's requests. A request starts valid, drawn from its route's shape (shapes.ts), and
// then most get one or two mutations: a hostile value in a path or query parameter or anywhere in
// the body, a field dropped or added, a broken or oversized body, an odd content type, broken
// authentication, a stray header, another method. Each mutation leaves a note, so a failure says
// what was sent and why.
import { agentboxApis } from '../../../src/adapters/http/wolkvox/agentbox.ts';
import { campaignApis } from '../../../src/adapters/http/wolkvox/campaign.ts';
import type { Rng } from './random.ts';
import type { Shape } from './shapes.ts';
import { badBodyBytes, badBodyTexts, contentTypes, encodeAny, nastyJson, nastyString, nastyStrings, rawUrlPieces, toJsonText } from './values.ts';

export interface Credentials {
  token: string;
  /** The id of `token`: never revoked by the fuzz. */
  tokenId: string;
  adminToken: string;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What was done to the valid request. */
  notes: string[];
  shape: Shape;
}

interface Part {
  name: string;
  value: string;
  /** Written into the URL as it is (not percent-encoded). */
  raw?: boolean;
}

/** A request being built: valid first, then mutated. */
interface Draft {
  method: string;
  path: Map<string, Part>;
  query: Part[];
  body: unknown;
  /** Replaces the JSON of `body`: a text that is not JSON, JSON with a repeated key, bytes that are not UTF-8. */
  bodyText?: string | Buffer;
  contentType?: string;
  headers: Record<string, string>;
  notes: string[];
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function authHeaders(shape: Shape, creds: Credentials): Record<string, string> {
  if (shape.auth === 'wolkvox') return { 'wolkvox-token': creds.token };
  return { authorization: `Bearer ${shape.auth === 'admin' ? creds.adminToken : creds.token}` };
}

/** A hostile string, or now and then a piece written raw into the URL. */
const urlValue = (r: Rng): Omit<Part, 'name'> => (r.chance(0.25) ? { value: r.pick(rawUrlPieces), raw: true } : { value: nastyString(r) });

/** A random container inside a JSON value (the value itself included), or undefined if it has none. */
function someContainer(value: unknown, r: Rng): Record<string, unknown> | unknown[] | undefined {
  let at: unknown = value;
  let found: Record<string, unknown> | unknown[] | undefined;
  while (at !== null && typeof at === 'object') {
    const entries = Object.values(at);
    if (entries.length === 0) return found ?? (at as Record<string, unknown>);
    found = at as Record<string, unknown>;
    if (r.chance(0.5)) break;
    at = r.pick(entries);
  }
  return found;
}

interface Mutation {
  /** How often it is picked, against the others (1 unless said). */
  weight?: number;
  applies(shape: Shape, d: Draft): boolean;
  apply(shape: Shape, d: Draft, r: Rng, creds: Credentials): string;
}

const mutations: Mutation[] = [
  {
    weight: 3,
    applies: (s) => s.pathParams.length > 0,
    apply: (s, d, r) => {
      const { name } = r.pick(s.pathParams);
      const part = { name, ...urlValue(r) };
      d.path.set(name, part);
      return `path ${name}=${JSON.stringify(part.value).slice(0, 60)}${part.raw ? ' (raw)' : ''}`;
    },
  },
  {
    weight: 3,
    applies: (s) => s.query.length > 0,
    apply: (s, d, r) => {
      const { name } = r.pick(s.query);
      const part = { name, ...urlValue(r) };
      d.query = [...d.query.filter((q) => q.name !== name), part];
      return `query ${name}=${JSON.stringify(part.value).slice(0, 60)}${part.raw ? ' (raw)' : ''}`;
    },
  },
  {
    applies: (_s, d) => d.query.length > 0,
    apply: (_s, d, r) => {
      const gone = r.pick(d.query);
      d.query = d.query.filter((q) => q !== gone);
      return `query ${gone.name} left out`;
    },
  },
  {
    applies: () => true,
    apply: (_s, d, r) => {
      const twin = d.query.length > 0 && r.chance(0.5) ? r.pick(d.query) : undefined;
      const part = twin ? { name: twin.name, value: r.chance(0.5) ? twin.value : nastyString(r) } : { name: r.pick(['x', 'extra', '__proto__', 'constructor', 'api', '', 'a[b]', ...nastyStrings.slice(0, 8)]), value: nastyString(r) };
      d.query.push(part);
      return `query ${JSON.stringify(part.name)} added${twin ? ' again' : ''}`;
    },
  },
  {
    weight: 4,
    applies: (_s, d) => d.body !== null && typeof d.body === 'object' && Object.keys(d.body).length > 0,
    apply: (_s, d, r) => {
      const at = someContainer(d.body, r);
      if (!at) return 'body unchanged';
      const key = r.pick(Object.keys(at));
      (at as Record<string, unknown>)[key] = nastyJson(r);
      return `body value at ${key} replaced`;
    },
  },
  {
    applies: (_s, d) => d.body !== null && typeof d.body === 'object' && !Array.isArray(d.body) && Object.keys(d.body).length > 0,
    apply: (_s, d, r) => {
      const body = d.body as Record<string, unknown>;
      const key = r.pick(Object.keys(body));
      delete body[key];
      return `body ${key} left out`;
    },
  },
  {
    applies: (s) => s.body !== undefined,
    apply: (_s, d, r) => {
      const at = someContainer(d.body, r);
      const key = r.pick(['extra', '__proto__', 'constructor', '', 'a\u0000b', '\ud800', 'k'.repeat(300), 'name ', 'opt13', 'tel11']);
      if (at && !Array.isArray(at)) at[key] = r.chance(0.5) ? nastyJson(r) : 'x';
      else d.body = { [key]: nastyJson(r) };
      return `body field ${JSON.stringify(key)} added`;
    },
  },
  {
    applies: () => true,
    apply: (_s, d, r) => {
      d.body = nastyJson(r);
      d.contentType = 'application/json';
      return 'body replaced by odd JSON';
    },
  },
  {
    applies: () => true,
    apply: (_s, d, r) => {
      const bytes = r.chance(0.2);
      d.bodyText = bytes ? r.pick(badBodyBytes) : r.pick(badBodyTexts);
      d.contentType = r.chance(0.7) ? 'application/json' : r.pick(contentTypes);
      return `body ${bytes ? 'bytes' : 'text'} ${JSON.stringify(d.bodyText.toString().slice(0, 40))} as ${d.contentType}`;
    },
  },
  {
    applies: (_s, d) => d.body !== null && typeof d.body === 'object' && !Array.isArray(d.body) && Object.keys(d.body).length > 0,
    apply: (_s, d, r) => {
      const key = r.pick(Object.keys(d.body as object));
      d.bodyText = `${toJsonText(d.body).slice(0, -1)},${JSON.stringify(key)}:${toJsonText(nastyJson(r))}}`;
      return `body key ${key} repeated`;
    },
  },
  {
    // Rare: the test client copies 32 MiB for each.
    weight: 0.05,
    applies: () => true,
    apply: (_s, d) => {
      oversized ??= `{"a":"${'x'.repeat(32 * 1024 * 1024)}"}`;
      d.bodyText = oversized;
      d.contentType = 'application/json';
      return 'body over 32 MiB';
    },
  },
  {
    applies: () => true,
    apply: (_s, d, r) => {
      d.contentType = r.pick(contentTypes);
      if (d.body === undefined && d.bodyText === undefined && r.chance(0.5)) d.bodyText = r.pick(['a=b', '{}', 'text']);
      return `content-type ${d.contentType}`;
    },
  },
  {
    applies: (_s, d) => d.body !== undefined,
    apply: (_s, d, r) => {
      d.body = undefined;
      if (r.chance(0.5)) d.contentType = undefined;
      return `no body${d.contentType ? ` (content-type ${d.contentType})` : ''}`;
    },
  },
  {
    applies: () => true,
    apply: (s, d, r, creds) => {
      const name = s.auth === 'wolkvox' ? 'wolkvox-token' : 'authorization';
      const other = s.auth === 'admin' ? creds.token : creds.adminToken;
      const scheme = s.auth === 'wolkvox' ? '' : 'Bearer ';
      const value = r.pick([undefined, '', scheme, `${scheme}${other}`, `${scheme}${creds.token}x`, `${scheme}${nastyString(r)}`,
        `Basic ${Buffer.from('a:b').toString('base64')}`, `Token ${creds.token}`, `${scheme}${'t'.repeat(10_000)}`, `${scheme}${creds.token} ${creds.token}`]);
      if (value === undefined) delete d.headers[name];
      else d.headers[name] = value;
      return `auth ${name}=${JSON.stringify(value?.slice(0, 40))}`;
    },
  },
  {
    applies: () => true,
    apply: (_s, d, r) => {
      const name = r.pick(['idempotency-key', 'idempotency-key', 'last-event-id', 'wolkvox_server', 'host', 'accept']);
      const value = name === 'idempotency-key' && r.chance(0.6) ? `fuzz-${r.int(1, 4)}`
        : name === 'wolkvox_server' && r.chance(0.5) ? r.pick(['0001', '0002', '9999', '1'])
        : name === 'host' && r.chance(0.6) ? r.pick(['wv0001.example.com', 'wv0002.example.com', 'wv9999.example.com', 'WV0001.X'])
        : nastyString(r);
      d.headers[name] = value;
      return `header ${name}=${JSON.stringify(value.slice(0, 40))}`;
    },
  },
  {
    applies: () => true,
    apply: (s, d, r) => {
      d.method = r.pick(methods.filter((m) => m !== s.method));
      return `method ${d.method}`;
    },
  },
];

function pickWeighted(candidates: Mutation[], r: Rng): Mutation {
  let left = r.next() * candidates.reduce((sum, m) => sum + (m.weight ?? 1), 0);
  for (const m of candidates) {
    left -= m.weight ?? 1;
    if (left < 0) return m;
  }
  return candidates[candidates.length - 1] as Mutation;
}

/** One body over the server's 32 MiB limit, made once. */
let oversized: string | undefined;

const apiNames = ['', 'unknown', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'DIAL', 'dial ', ...Object.keys(agentboxApis), ...Object.keys(campaignApis)];

function serialize(shape: Shape, d: Draft): FuzzRequest {
  const path = shape.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const part = d.path.get(name);
    if (!part) return '';
    return part.raw ? part.value : encodeAny(part.value);
  });
  const query = d.query.map((q) => `${encodeAny(q.name)}=${q.raw ? q.value : encodeAny(q.value)}`).join('&');
  const headers = { ...d.headers };
  if (d.contentType !== undefined) headers['content-type'] = d.contentType;
  const payload = d.bodyText ?? (d.body === undefined ? undefined : toJsonText(d.body));
  return { method: d.method, url: query ? `${path}?${query}` : path, headers, ...(payload === undefined ? {} : { payload }), notes: d.notes, shape };
}

/**
 * Keeps the fuzz able to go on: it never revokes its own token nor changes the demo operation
 * (licenses 0 would be a quota of 0). Such requests are ordinary ones the tests of those routes
 * cover; here they would only end the run early.
 */
function spareTheFuzz(shape: Shape, d: Draft, creds: Credentials): void {
  const id = d.path.get('id');
  if (!id) return;
  // Token ids are numbers to the store: 0001 is token 1.
  const ownToken = /^\d{1,18}$/.test(id.value) && BigInt(id.value) === BigInt(creds.tokenId);
  if (shape.path === '/v1/tokens/{id}' && d.method === 'DELETE' && ownToken) d.path.set('id', { name: 'id', value: '999999' });
  if (shape.path === '/v1/operations/{id}' && d.method === 'PATCH' && id.value === '0001') d.path.set('id', { name: 'id', value: '0002' });
}

/** A request on `shape`: valid, then (four times in five) one or two mutations. */
export function buildRequest(shape: Shape, r: Rng, creds: Credentials): FuzzRequest {
  const d: Draft = {
    method: shape.method,
    path: new Map(shape.pathParams.map((f) => [f.name, { name: f.name, value: String(f.valid(r)) }])),
    query: shape.query.filter((f) => f.required || r.chance(0.5)).map((f) => ({ name: f.name, value: String(f.valid(r)) })),
    body: shape.body?.(r),
    headers: authHeaders(shape, creds),
    notes: [],
  };
  if (d.body !== undefined) d.contentType = 'application/json';
  // Clients that retry send a key with their creates: a fresh one, so the first answer is the real one.
  if (shape.face === 'native' && shape.method === 'POST' && r.chance(0.25)) d.headers['idempotency-key'] = `fuzz-${r.int(1e6, 9e6)}`;
  const count = r.chance(0.2) ? 0 : r.int(1, 2);
  for (let i = 0; i < count; i++) {
    if (shape.face !== 'native' && r.chance(0.1)) {
      const api = r.pick(apiNames);
      d.query = [{ name: 'api', value: api }, ...d.query.filter((q) => q.name !== 'api')];
      d.notes.push(`api=${JSON.stringify(api)}`);
      continue;
    }
    const mutation = pickWeighted(mutations.filter((m) => m.applies(shape, d)), r);
    d.notes.push(mutation.apply(shape, d, r, creds));
  }
  spareTheFuzz(shape, d, creds);
  return serialize(shape, d);
}
