// A Postman collection (v2.1) of both faces, written from what the server routes with: the
// wolkvox-compatible apis from their route tables (the same entries, examples and declared answers
// as /openapi-wolkvox.json), the native API from its OpenAPI document as the server builds it.
// Values are the demo operation's (agents 1001…, campaign 1 and its records 100001…, codes SALE
// and NEW); {{baseUrl}}, {{token}} (the demo token `npm start` prints, or PACER_DEMO_TOKEN),
// {{adminToken}} and {{wolkvox_server}} are collection variables. `npm run docs` writes it;
// test/generated-types.test.ts fails when the committed file is not what this writes.
import { buildServer } from '../src/adapters/http/server.ts';
import { successExample } from '../src/adapters/http/wolkvox/answers.ts';
import { apiEntries, bodyExample, examplesOf, type ApiEntry } from '../src/adapters/http/wolkvox/openapi.ts';
import { wolkvoxFiles } from '../src/adapters/http/wolkvox/files.ts';
import type { Engine } from '../src/engine/api.ts';
import type { GeneratedFile } from './generated-types.ts';

type Json = Record<string, unknown>;
type Schema = Record<string, unknown>;

const collectionId = 'b7d1c0de-5a1e-4c0f-9a3e-7061636572aa';
const jsonHeader = { key: 'Content-Type', value: 'application/json' };

/** The native document as the server serves it; building the routes needs no engine. */
async function nativeDocument(): Promise<Json> {
  const noEngine = new Proxy({}, { get: () => undefined }) as Engine;
  const app = await buildServer({ logLevel: 'silent', requestTimeoutS: 30, trustProxy: [] }, noEngine);
  try {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    return res.json<Json>();
  } finally {
    await app.close();
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function url(path: string, query: { key: string; value: string; disabled?: boolean; description?: string }[], variables: { key: string; value: string }[] = []): Json {
  const enabled = query.filter((q) => !q.disabled).map((q) => `${q.key}=${encodeURIComponent(q.value)}`);
  return {
    raw: `{{baseUrl}}${path}${enabled.length ? `?${enabled.join('&')}` : ''}`, host: ['{{baseUrl}}'], path: path.split('/').filter(Boolean),
    ...(query.length ? { query } : {}), ...(variables.length ? { variable: variables } : {}),
  };
}

const rawBody = (body: unknown) => ({ mode: 'raw', raw: JSON.stringify(body, null, 2), options: { raw: { language: 'json' } } });

function wolkvoxItem(entry: ApiEntry): Json {
  const query = [{ key: 'api', value: entry.api }];
  const params: { key: string; value: string; disabled?: boolean; description?: string }[] = [...query];
  for (const [name, spec] of Object.entries(entry.query)) {
    const value = spec.example === undefined ? '' : text(spec.example);
    params.push({ key: name, value, ...(value === '' ? { disabled: true } : {}) });
    for (const alias of spec.aliases ?? []) params.push({ key: alias, value, disabled: true, description: `${name} under the official collection's name` });
  }
  const body = bodyExample(entry);
  const request = {
    method: entry.method,
    header: [{ key: 'wolkvox-token', value: '{{token}}' }, { key: 'wolkvox_server', value: '{{wolkvox_server}}' }, ...(body === undefined ? [] : [jsonHeader])],
    ...(body === undefined ? {} : { body: rawBody(body) }),
    url: url(`/api/v2/${entry.file}.php`, params),
    description: entry.summary,
  };
  const values = { ...examplesOf(entry.query), ...(entry.body?.kind === 'object' ? examplesOf(entry.body.params) : {}) };
  const response = entry.answers.map((answer) => ({
    name: `${answer.status} (code ${answer.code === 'string' ? `"${answer.status}"` : answer.status})`, originalRequest: request,
    status: answer.status === 200 ? 'OK' : answer.status === 201 ? 'Created' : 'Accepted', code: answer.status, _postman_previewlanguage: 'json',
    header: [{ key: 'Content-Type', value: 'application/json; charset=utf-8' }], body: JSON.stringify(successExample(answer, values), null, 2),
  }));
  return { name: entry.api, request, response };
}

/** Demo values by field name, where a schema alone cannot say what makes sense. */
const demo: Record<string, unknown> = {
  phone: '3001234567', to: '1002', tones: '123#', cod_act: 'SALE', cod_act_2: 'NEW', comments: 'Wants a call back tomorrow',
  at: '2030-12-31T10:00:00-05:00', due_at: '2030-12-31T10:00:00-05:00', campaign_id: '1', customer_id: '100001', agent_id: '1001',
  description: 'CRM integration', url: 'https://hooks.example/pacer', phones: ['3009990005'], name: 'Ana Díaz', time_zone: 'America/Bogota',
  records: [{ customer_id: '100101', customer_name: 'Ana', customer_last_name: 'Díaz', tel1: '3001234567' }], id: '0002',
  uri: 'sip:carrier.example.com', username: 'ana', password: 'a long password', role: 'supervisor', skills: [1], status: 'ready',
};

/** A value of `schema` for a request example: the demo's where the field name says, else from the schema. */
function valueOf(schema: Schema, name: string): unknown {
  if (name in demo && !Array.isArray(schema.enum)) return demo[name];
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(schema[key])) return valueOf((schema[key] as Schema[])[0] ?? {}, name);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      // The required fields; with none, the first (a change of one field).
      const keys = required.length > 0 ? required : Object.keys(properties).slice(0, 1);
      return Object.fromEntries(keys.map((k) => [k, valueOf(properties[k] ?? {}, k)]));
    }
    case 'array': return [valueOf((schema.items ?? {}) as Schema, name)];
    case 'integer': case 'number': return typeof schema.minimum === 'number' ? Math.max(schema.minimum, 1) : 1;
    case 'boolean': return false;
    default: return schema.format === 'date-time' ? '2030-12-31T10:00:00-05:00' : 'x';
  }
}

/** Path parameters by the collection they are in: the demo's agent, campaign, record, operation… */
function pathValue(path: string, name: string): string {
  if (name === 'customer_id') return '100001';
  if (name === 'group') return '1';
  if (name === 'code') return 'SALE';
  if (name === 'phone') return '3009990005';
  const collection = path.split('/')[2] ?? '';
  return collection === 'agents' ? '1001' : collection === 'operations' ? '0001' : collection === 'calls' ? '{{conn_id}}' : '1';
}

function nativeItem(path: string, method: string, op: Json): Json {
  const parameters = (op.parameters ?? []) as { name: string; in: string; required?: boolean; schema: Schema }[];
  const postmanPath = path.replace(/\{(\w+)\}/g, ':$1');
  const variables = parameters.filter((p) => p.in === 'path').map((p) => ({ key: p.name, value: pathValue(path, p.name) }));
  const query = parameters.filter((p) => p.in === 'query').map((p) => ({ key: p.name, value: text(valueOf(p.schema, p.name)), ...(p.required ? {} : { disabled: true }) }));
  const bodySchema = ((op.requestBody as Json | undefined)?.content as Record<string, { schema?: Schema }> | undefined)?.['application/json']?.schema;
  const admin = ((op.security ?? []) as Json[]).some((s) => 'admin' in s);
  return {
    name: typeof op.summary === 'string' ? op.summary : `${method.toUpperCase()} ${path}`,
    request: {
      method: method.toUpperCase(),
      ...(admin ? { auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{adminToken}}', type: 'string' }] } } : {}),
      header: bodySchema ? [jsonHeader] : [],
      ...(bodySchema ? { body: rawBody(valueOf(bodySchema, '')) } : {}),
      url: url(postmanPath, query, variables),
      description: `operationId: ${typeof op.operationId === 'string' ? op.operationId : ''}`,
    },
    response: [],
  };
}

export async function postmanFile(): Promise<GeneratedFile> {
  const native = await nativeDocument();
  const entries = apiEntries();
  const folders: Json[] = wolkvoxFiles.map((file) => ({
    name: `wolkvox-compatible: ${file.name}.php`,
    description: file.description,
    auth: { type: 'noauth' },
    item: entries.filter((e) => e.file === file.name).map(wolkvoxItem),
  }));
  const byTag = new Map<string, Json[]>();
  for (const [path, item] of Object.entries(native.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = ((op.tags ?? []) as string[])[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), nativeItem(path, method, op)]);
    }
  }
  for (const [tag, item] of byTag) folders.push({ name: `native: ${tag}`, item });
  const collection = {
    info: {
      _postman_id: collectionId, name: 'Pacer: native and wolkvox-compatible APIs',
      description: 'Generated by `npm run docs` from Pacer\'s route tables and route schemas (scripts/postman.ts). Set {{token}} to the demo token `npm start` printed (or PACER_DEMO_TOKEN); wolkvox requests send it as the wolkvox-token header, native ones as a bearer token.',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    variable: [
      { key: 'baseUrl', value: 'http://127.0.0.1:8080' }, { key: 'token', value: '' }, { key: 'adminToken', value: '' },
      { key: 'wolkvox_server', value: '0001' }, { key: 'conn_id', value: '' },
    ],
    item: folders,
  };
  return { path: 'docs/pacer.postman_collection.json', text: `${JSON.stringify(collection, null, 2)}\n` };
}
