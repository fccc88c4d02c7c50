// The routes the fuzz test sends requests to, one shape each: every operation of the native API's
// OpenAPI document (path and query parameters, JSON body, which token) and every api of the
// wolkvox route tables (every file of files.ts: method, query parameters, body), each with a way
// to draw valid values for them.
import { recordsBody } from '../../../src/adapters/http/wolkvox/campaign-wire.ts';
import type { FileName } from '../../../src/adapters/http/wolkvox/file-api.ts';
import { wolkvoxFiles } from '../../../src/adapters/http/wolkvox/files.ts';
import type { ParamList } from '../../../src/adapters/http/wolkvox/params.ts';
import type { Rng } from './random.ts';
import { recordRow, validForSpec, validFromSchema, type JsonSchema } from './valid-values.ts';

export type Face = 'native' | FileName;

interface Field {
  name: string;
  required: boolean;
  valid(r: Rng): unknown;
}

export interface Shape {
  face: Face;
  /** `PUT /v1/agents/{id}`, `agentbox.php dial`. */
  label: string;
  method: string;
  /** The path, with `{name}` for each path parameter. */
  path: string;
  pathParams: Field[];
  query: Field[];
  /** A valid JSON body, on routes that take one. */
  body?: (r: Rng) => unknown;
  auth: 'operation' | 'admin' | 'wolkvox';
}

/** The native routes, from the OpenAPI document the app serves. */
export function nativeShapes(openapi: JsonSchema): Shape[] {
  const shapes: Shape[] = [];
  for (const [path, item] of Object.entries(openapi.paths as Record<string, Record<string, JsonSchema>>)) {
    for (const [method, op] of Object.entries(item)) {
      const params = (op.parameters ?? []) as { in: string; name: string; required?: boolean; schema: JsonSchema }[];
      const field = (p: (typeof params)[number]): Field => ({ name: p.name, required: p.in === 'path' || p.required === true, valid: (r) => validFromSchema(p.schema, r, openapi, p.name) });
      const bodySchema = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content?.['application/json']?.schema;
      const security = (op.security ?? []) as Record<string, unknown>[];
      shapes.push({
        face: 'native', label: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path,
        pathParams: params.filter((p) => p.in === 'path').map(field), query: params.filter((p) => p.in === 'query').map(field),
        body: bodySchema ? (r) => validFromSchema(bodySchema, r, openapi) : undefined,
        auth: security.some((s) => 'admin' in s) ? 'admin' : 'operation',
      });
    }
  }
  return shapes;
}

const specFields = (list: ParamList): Field[] => Object.entries(list).map(([name, spec]) => ({ name, required: !spec.optional, valid: (r) => validForSpec(spec, r, name) }));
const apiField = (name: string): Field => ({ name: 'api', required: true, valid: () => name });

/** The wolkvox apis, from the route tables of every file. */
export function wolkvoxShapes(): Shape[] {
  return wolkvoxFiles.flatMap((file) => Object.entries(file.apis).map(([name, def]): Shape => {
    const bodyParams = (def.body as { params?: ParamList } | undefined)?.params;
    const body = def.body === recordsBody
      ? (r: Rng) => Array.from({ length: r.int(1, 3) }, () => recordRow(r))
      : bodyParams ? (r: Rng) => fieldsValue(specFields(bodyParams), r) : undefined;
    return {
      face: file.name, label: `${file.name}.php ${name}`, method: def.method, path: `/api/v2/${file.name}.php`, pathParams: [],
      query: [apiField(name), ...specFields(def.query)], body, auth: 'wolkvox',
    };
  }));
}

function fieldsValue(fields: Field[], r: Rng): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f.required || r.chance(0.5)).map((f) => [f.name, f.valid(r)]));
}
