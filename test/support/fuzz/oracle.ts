// What the fuzz test asks of every answer: never a 5xx, and a body that matches the schema its
// OpenAPI document declares for the route and status (an undeclared status is a mismatch too). On
// the native face a path no route matches answers the Error schema; on the wolkvox face (its own
// document, /openapi-wolkvox.json) an unknown api or method answers its file's error envelope, and
// every envelope's `code` is its HTTP status.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from './valid-values.ts';
import type { FuzzRequest } from './requests.ts';

export interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

// ajv-formats is CommonJS: its default export is the plugin itself under Node, the module under tsc.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

interface Route {
  method: string;
  segments: string[];
  path: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** A checker of answers against `openapi`; it answers what is wrong, or undefined. */
export function answerChecker(openapi: JsonSchema, wolkvoxDoc: JsonSchema): (request: FuzzRequest, answer: Answer) => string | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema(openapi, 'openapi');
  ajv.addSchema(wolkvoxDoc, 'wolkvox');
  const routes: Route[] = Object.entries(openapi.paths as Record<string, Record<string, JsonSchema>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, segments: path.split('/'), responses: op.responses as Route['responses'] })));
  const components = (openapi.components as { schemas: Record<string, JsonSchema> }).schemas;
  const errorName = Object.entries(components).find(([name, s]) => name === 'Error' || s.title === 'Error')?.[0];
  if (!errorName) throw new Error('the OpenAPI document has no Error schema');
  const validators = new Map<string, ValidateFunction>();
  const validator = (ref: string, doc = 'openapi'): ValidateFunction => {
    let v = validators.get(`${doc}#/${ref}`);
    if (!v) {
      v = ajv.getSchema(`${doc}#/${ref}`);
      if (!v) throw new Error(`no schema at ${ref}`);
      validators.set(`${doc}#/${ref}`, v);
    }
    return v;
  };
  const errorSchema = pointer('components', 'schemas', errorName);

  /** The route the router matches for this method and raw path (a parameter is any one segment). */
  const routeOf = (method: string, rawPath: string) => {
    const segments = rawPath.split('/');
    return routes.find((r) => r.method === method && r.segments.length === segments.length
      && r.segments.every((s, i) => (s.startsWith('{') ? segments[i] !== '' : s === segments[i])));
  };

  /** The path as the request reaches the router: dot segments resolved, as URLs resolve them (/v1/agents/../skills is /v1/skills). */
  const routedPath = (raw: string) => {
    try {
      return new URL(raw, 'http://fuzz.invalid').pathname;
    } catch {
      return raw;
    }
  };

  const json = (answer: Answer): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(answer.body) as unknown };
    } catch {
      return { ok: false };
    }
  };
  const schemaProblem = (ref: string, answer: Answer, doc = 'openapi'): string | undefined => {
    const parsed = json(answer);
    if (!parsed.ok) return `body is not JSON: ${answer.body.slice(0, 200)}`;
    if (!String(answer.headers['content-type']).startsWith('application/json')) return `content-type ${String(answer.headers['content-type'])}`;
    const v = validator(ref, doc);
    return v(parsed.value) ? undefined : `body off its schema (${ajv.errorsText(v.errors)}): ${answer.body.slice(0, 300)}`;
  };

  const native = (request: FuzzRequest, answer: Answer): string | undefined => {
    const rawPath = request.url.split('?')[0] ?? '';
    const route = routeOf(request.method, routedPath(rawPath));
    if (!route) {
      // No route: the router's refusals (404, a path that is not a URL) in the native error shape.
      if (answer.statusCode < 400) return `status ${answer.statusCode} on a path no route declares`;
      return schemaProblem(errorSchema, answer);
    }
    const declared = route.responses[String(answer.statusCode)];
    if (!declared) {
      // Where the router does not take what this matcher does, its 404 answers for the route.
      if (answer.statusCode === 404 && answer.body.includes('"API_NOT_FOUND"')) return schemaProblem(errorSchema, answer);
      return `status ${answer.statusCode} is not declared for ${route.method} ${route.path}: ${answer.body.slice(0, 200)}`;
    }
    // The live event stream answers text/event-stream, whose events the event-stream tests check.
    if (answer.statusCode === 200 && String(answer.headers['content-type']).startsWith('text/event-stream')) return undefined;
    const content = declared.content?.['application/json'];
    if (!content) return answer.body === '' ? undefined : `status ${answer.statusCode} declares no body, got ${answer.body.slice(0, 200)}`;
    return schemaProblem(pointer('paths', route.path, route.method.toLowerCase(), 'responses', String(answer.statusCode), 'content', 'application/json', 'schema'), answer);
  };

  const wolkvoxPaths = wolkvoxDoc.paths as Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>;
  const wolkvox = (request: FuzzRequest, answer: Answer): string | undefined => {
    const file = request.shape.face;
    const api = new URLSearchParams(request.url.split('?')[1] ?? '').get('api') ?? '';
    const path = `/api/v2/${file}.php#api=${api}`;
    const method = request.method.toLowerCase();
    const operation = Object.hasOwn(wolkvoxPaths, path) && Object.hasOwn(wolkvoxPaths[path] ?? {}, method) ? wolkvoxPaths[path]?.[method] : undefined;
    let ref: string;
    if (operation) {
      const status = String(answer.statusCode);
      const declared = operation.responses[status] ?? operation.responses[`${status.charAt(0)}XX`];
      if (!declared) return `status ${status} is not declared for ${request.method} ${path}: ${answer.body.slice(0, 200)}`;
      // A shared error answer is a $ref to the responses of the components.
      ref = declared.$ref ? `${declared.$ref.slice(2)}/content/application~1json/schema`
        : pointer('paths', path, method, 'responses', Object.hasOwn(operation.responses, status) ? status : `${status.charAt(0)}XX`, 'content', 'application/json', 'schema');
    } else {
      // An unknown api, or another method: a refusal in its file's envelope.
      if (answer.statusCode < 400) return `status ${answer.statusCode} for ${request.method} ${path}, which no operation declares`;
      ref = pointer('components', 'schemas', file === 'agentbox' ? 'AgentboxError' : 'CampaignError');
    }
    const problem = schemaProblem(ref, answer, 'wolkvox');
    if (problem) return problem;
    const code = (JSON.parse(answer.body) as { code: unknown }).code;
    return Number(code) === answer.statusCode ? undefined : `code ${String(code)} but HTTP status ${answer.statusCode}`;
  };

  return (request, answer) => {
    if (answer.statusCode >= 500) return `status ${answer.statusCode}: ${answer.body.slice(0, 200)}`;
    return request.shape.face === 'native' ? native(request, answer) : wolkvox(request, answer);
  };
}
