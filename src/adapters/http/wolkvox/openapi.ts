// The OpenAPI 3.1 document of the wolkvox-compatible face, written from the route tables of
// files.ts (agentbox.ts, campaign.ts, information.ts, configuration.ts): their parameter specs,
// bodies and declared answers. Served at
// /openapi-wolkvox.json; the fuzz test holds every answer to it, so it cannot drift from the face.
//
// wolkvox routes on a query parameter (`agentbox.php?api=dial`), which OpenAPI paths cannot
// express. Each api is a path of its own with the api in a fragment, `/api/v2/agentbox.php#api=dial`
// (the convention of the AWS query APIs in public OpenAPI catalogues), and a required `api` query
// parameter that can take only that value: a client sends `POST /api/v2/agentbox.php?api=dial&…`.
import { msgExample, successExample, successSchema, type Answer } from './answers.ts';
import { recordsBody, recordsBodySchema } from './campaign-wire.ts';
import type { FileName } from './file-api.ts';
import { wolkvoxFiles } from './files.ts';
import type { JsonSchema, ParamList, ParamSpec } from './params.ts';

export type File = FileName;

/** One api as the documents see it (the Postman collection reads the same list). */
export interface ApiEntry {
  file: File;
  api: string;
  method: string;
  summary: string;
  query: ParamList;
  /** The JSON body's fields (an object body), or the records array of add_record. */
  body?: { kind: 'object'; params: ParamList } | { kind: 'records' };
  answers: Answer[];
}

export function apiEntries(): ApiEntry[] {
  return wolkvoxFiles.flatMap((file) => Object.entries(file.apis).map(([api, def]): ApiEntry => {
    const params = (def.body as { params?: ParamList } | undefined)?.params;
    return {
      file: file.name, api, method: def.method, summary: def.summary, query: def.query,
      ...(def.body === recordsBody ? { body: { kind: 'records' as const } } : params ? { body: { kind: 'object' as const, params } } : {}),
      answers: [def.success, ...(def.alsoAnswers ? [def.alsoAnswers] : [])],
    };
  }));
}

const camel = (words: string) => words.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
/** `agentboxChangeStatus`, `campaignAddRecord`, `reportsManagerAgent1`: stable, from the file and the api. */
export const operationIdOf = (file: File, api: string) => {
  const name = camel(file);
  return name.charAt(0).toLowerCase() + name.slice(1) + camel(api);
};

export const pathOf = (file: File, api: string) => `/api/v2/${file}.php#api=${api}`;

/** The example values of a list's parameters (those that have one). */
export function examplesOf(list: ParamList): Record<string, unknown> {
  return Object.fromEntries(Object.entries(list).flatMap(([name, spec]) => (spec.example === undefined ? [] : [[name, spec.example]])));
}

/** The example body of an entry: every required field, and the optional ones with an example. */
export function bodyExample(entry: ApiEntry): unknown {
  if (!entry.body) return undefined;
  if (entry.body.kind === 'records') return [recordsBodySchema.items.example];
  return examplesOf(entry.body.params);
}

const describe = (spec: ParamSpec<unknown>) => (typeof spec.schema.description === 'string' ? spec.schema.description : undefined);

function queryParameters(list: ParamList): JsonSchema[] {
  return Object.entries(list).flatMap(([name, spec]) => {
    const aliases = spec.aliases ?? [];
    const either = aliases.length > 0 ? `; may be sent as ${aliases.join(' or ')} instead${spec.optional ? '' : ' (one of them is required)'}` : '';
    const own = {
      name, in: 'query', required: !spec.optional && aliases.length === 0, schema: spec.schema,
      ...(spec.example === undefined ? {} : { example: spec.example }), description: `${describe(spec) ?? name}${either}`,
    };
    return [own, ...aliases.map((alias) => ({
      name: alias, in: 'query', required: false, schema: spec.schema, description: `${name} under the official collection's name`,
    }))];
  });
}

function bodySchema(entry: ApiEntry): JsonSchema | undefined {
  if (!entry.body) return undefined;
  if (entry.body.kind === 'records') return recordsBodySchema;
  const params = Object.entries(entry.body.params);
  return {
    type: 'object', additionalProperties: true, description: 'A JSON object (also read when sent as text/plain); unknown fields are ignored',
    properties: Object.fromEntries(params.map(([name, spec]) => [name, spec.schema])),
    required: params.filter(([, spec]) => !spec.optional).map(([name]) => name),
  };
}

const errorRef = (file: File, which: string) => ({ $ref: `#/components/responses/${file === 'agentbox' ? 'Agentbox' : 'Campaign'}${which}` });

function operation(entry: ApiEntry): JsonSchema {
  const values = { ...examplesOf(entry.query), ...(entry.body?.kind === 'object' ? examplesOf(entry.body.params) : {}) };
  const body = bodySchema(entry);
  const required = entry.body?.kind === 'records' || (body !== undefined && (body.required as string[]).length > 0);
  const responses: Record<string, unknown> = {};
  for (const answer of entry.answers) {
    responses[String(answer.status)] = {
      description: answer.bare ? 'Done (not the envelope: see the schema)' : `Done: ${msgExample(answer, values)}`,
      content: { 'application/json': { schema: successSchema(answer), example: successExample(answer, values) } },
    };
  }
  Object.assign(responses, {
    400: errorRef(entry.file, 'BadRequest'), 401: errorRef(entry.file, 'Unauthorized'), 403: errorRef(entry.file, 'Forbidden'),
    '4XX': errorRef(entry.file, 'Refused'), '5XX': errorRef(entry.file, 'InternalError'),
  });
  return {
    operationId: operationIdOf(entry.file, entry.api), summary: entry.summary, tags: [`${entry.file}.php`],
    description: `Sent as \`${entry.method} /api/v2/${entry.file}.php?api=${entry.api}\`${entry.file === 'agentbox' ? ', every parameter in the query string' : ''}.`,
    parameters: [
      { name: 'api', in: 'query', required: true, schema: { type: 'string', const: entry.api }, example: entry.api, description: 'the api (wolkvox routes on it)' },
      ...queryParameters(entry.query),
      { $ref: '#/components/parameters/WolkvoxServer' },
    ],
    ...(body ? { requestBody: { required, content: { 'application/json': { schema: body, example: bodyExample(entry) } } } } : {}),
    responses,
  };
}

function errorResponses(file: File): Record<string, JsonSchema> {
  const prefix = file === 'agentbox' ? 'Agentbox' : 'Campaign';
  const code = (status: number) => (file === 'agentbox' ? String(status) : status);
  const response = (description: string, status: number, error: string, msg: string) => ({
    description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${prefix}Error` }, example: { code: code(status), error, msg } } },
  });
  return {
    [`${prefix}BadRequest`]: response('`THE API YOU WANT TO CONSULT DOES NOT EXIST` (unknown api), or `SOME PARAMETERS ARE REQUIRED: <name> (<what a valid one is>)`', 400, 'BAD REQUEST', 'SOME PARAMETERS ARE REQUIRED: agent_id'),
    [`${prefix}Unauthorized`]: response('No wolkvox-token header: `PLEASE ENTER THE WOLKVOX-TOKEN`', 401, 'UNAUTHORIZED', 'PLEASE ENTER THE WOLKVOX-TOKEN'),
    [`${prefix}Forbidden`]: response('`PLEASE VALIDATE TOKEN`, `TOKEN LIMIT EXCEEDED` (daily quota; agentbox is exempt), `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)`, or a role that may not do this', 403, 'FORBIDDEN', 'PLEASE VALIDATE TOKEN'),
    [`${prefix}Refused`]: response('A refusal in the same envelope: 404 (no such agent, campaign, record, call), 405 (another method), 409 (the state does not allow it; `msg` names the state), 413 (body too large), 422 (a number the outbound policy refuses), 429', 409, 'CONFLICT', 'Agent 1001 has no active call'),
    [`${prefix}InternalError`]: response('An unexpected error (never with internals)', 500, 'INTERNAL ERROR', 'INTERNAL ERROR'),
  };
}

const errorSchema = (code: JsonSchema): JsonSchema => ({
  type: 'object', additionalProperties: false, required: ['code', 'error', 'msg'],
  properties: { code, error: { type: 'string', description: 'a short upper-case reason: BAD REQUEST, UNAUTHORIZED, FORBIDDEN, NOT FOUND, CONFLICT…' }, msg: { type: 'string' } },
});

export function wolkvoxOpenApi(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const entry of apiEntries()) paths[pathOf(entry.file, entry.api)] = { [entry.method.toLowerCase()]: operation(entry) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pacer wolkvox-compatible API', version: '2', license: { name: 'MIT', identifier: 'MIT' },
      description: [
        'The wolkvox Agent (agentbox.php), Campaign (campaign.php), Information (information.php), Configuration (configuration.php), real-time (real_time.php), report (reports_manager.php) and customer.php APIs as Pacer answers them, written from Pacer\'s route tables.',
        'wolkvox chooses the api by the `api` query parameter: each api is a path of its own here, with the api after `#` (`/api/v2/agentbox.php#api=dial`) and a required `api` parameter of that one value; the request is `POST /api/v2/agentbox.php?api=dial&…`.',
        'Every answer is the envelope `{code, error, msg[, data]}` with the HTTP status equal to `code`. The JSON type of `code` is the documents\' for each api (each operation\'s schema says which): agentbox answers strings (`"200"`); campaign, information, configuration, real_time, reports_manager and customer mostly numbers, strings where the official collection shows them; refusals of every file but agentbox are numbers. Every value of a report row is a string.',
        'Messages are the documented ones byte for byte, typos included (see the README\'s table of messages, which names the source of each).',
      ].join('\n\n'),
    },
    servers: [
      { url: '/', description: 'This Pacer' },
      { url: 'https://wv{wolkvox_server}.wolkvox.com', description: 'wolkvox, the API this face reproduces', variables: { wolkvox_server: { default: '0001', description: 'the operation\'s server nomenclature' } } },
    ],
    security: [{ wolkvoxToken: [] }],
    tags: wolkvoxFiles.map((file) => ({ name: `${file.name}.php`, description: file.description })),
    paths,
    components: {
      securitySchemes: { wolkvoxToken: { type: 'apiKey', in: 'header', name: 'wolkvox-token', description: 'a token of the operation' } },
      parameters: {
        WolkvoxServer: {
          name: 'wolkvox_server', in: 'header', required: false, schema: { type: 'string', pattern: '^\\d{1,4}$' }, example: '0001',
          description: 'The operation\'s server nomenclature (as the host wv0001.… also says); never required: the token names its operation',
        },
      },
      schemas: {
        AgentboxError: errorSchema({ type: 'string', pattern: '^[45]\\d\\d$', description: 'the HTTP status, as a string' }),
        CampaignError: errorSchema({ type: 'integer', minimum: 400, maximum: 599, description: 'the HTTP status, as a number' }),
      },
      responses: { ...errorResponses('agentbox'), ...errorResponses('campaign') },
    },
  };
}
