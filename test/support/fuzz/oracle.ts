// What the fuzz test asks of every answer: never a 5xx; on the native face, a body that matches
// the schema the OpenAPI document declares for the route and status (an undeclared status is a
// mismatch too; a path no route matches answers the Error schema); on the wolkvox face, the
// envelope {code, error, msg[, data]} with the HTTP status equal to `code` and `code` typed by
// file (agentbox: string, campaign: number).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { campaignApis } from '../../../src/adapters/http/wolkvox/campaign.ts';
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
export function answerChecker(openapi: JsonSchema): (request: FuzzRequest, answer: Answer) => string | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema(openapi, 'openapi');
  const routes: Route[] = Object.entries(openapi.paths as Record<string, Record<string, JsonSchema>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, segments: path.split('/'), responses: op.responses as Route['responses'] })));
  const components = (openapi.components as { schemas: Record<string, JsonSchema> }).schemas;
  const errorName = Object.entries(components).find(([, s]) => s.title === 'Error')?.[0];
  if (!errorName) throw new Error('the OpenAPI document has no Error schema');
  const validators = new Map<string, ValidateFunction>();
  const validator = (ref: string): ValidateFunction => {
    let v = validators.get(ref);
    if (!v) {
      v = ajv.getSchema(`openapi#/${ref}`);
      if (!v) throw new Error(`no schema at ${ref}`);
      validators.set(ref, v);
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

  const json = (answer: Answer): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(answer.body) as unknown };
    } catch {
      return { ok: false };
    }
  };
  const schemaProblem = (ref: string, answer: Answer): string | undefined => {
    const parsed = json(answer);
    if (!parsed.ok) return `body is not JSON: ${answer.body.slice(0, 200)}`;
    if (!String(answer.headers['content-type']).startsWith('application/json')) return `content-type ${String(answer.headers['content-type'])}`;
    const v = validator(ref);
    return v(parsed.value) ? undefined : `body off its schema (${ajv.errorsText(v.errors)}): ${answer.body.slice(0, 300)}`;
  };

  const native = (request: FuzzRequest, answer: Answer): string | undefined => {
    const rawPath = request.url.split('?')[0] ?? '';
    const route = routeOf(request.method, rawPath);
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

  const wolkvox = (request: FuzzRequest, answer: Answer): string | undefined => {
    const parsed = json(answer);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return `not an envelope: ${answer.body.slice(0, 200)}`;
    const e = parsed.value as Record<string, unknown>;
    const extra = Object.keys(e).filter((k) => !['code', 'error', 'msg', 'data'].includes(k));
    if (extra.length > 0 || !('code' in e) || !('error' in e) || typeof e.msg !== 'string') return `not an envelope: ${answer.body.slice(0, 200)}`;
    const agentbox = request.shape.face === 'agentbox';
    const ok = answer.statusCode < 300;
    const api = new URLSearchParams(request.url.split('?')[1] ?? '').get('api') ?? '';
    const def = !agentbox && Object.hasOwn(campaignApis, api) ? campaignApis[api] : undefined;
    // A success answers one of the api's declared successes; a refusal's code is typed by file.
    const declared = agentbox ? [{ status: 200, code: 'string' }] : [def?.success, def?.alsoAnswers].filter((x) => x !== undefined);
    const success = declared.find((d) => d.status === answer.statusCode);
    if (ok && !success) return `success ${answer.statusCode} where api=${api} answers ${declared.map((d) => d.status).join(' or ')}`;
    const codeType = success?.code ?? (agentbox ? 'string' : 'number');
    if (typeof e.code !== codeType) return `code ${JSON.stringify(e.code)} is not a ${codeType}`;
    if (Number(e.code) !== answer.statusCode) return `code ${String(e.code)} but HTTP status ${answer.statusCode}`;
    if (ok ? e.error !== null : typeof e.error !== 'string' || e.error === '') return `error ${JSON.stringify(e.error)} with status ${answer.statusCode}`;
    return undefined;
  };

  return (request, answer) => {
    if (answer.statusCode >= 500) return `status ${answer.statusCode}: ${answer.body.slice(0, 200)}`;
    return request.shape.face === 'native' ? native(request, answer) : wolkvox(request, answer);
  };
}
