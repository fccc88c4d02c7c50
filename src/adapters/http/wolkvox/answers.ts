// What a wolkvox api answers on success, declared beside the api (agentbox.ts, campaign.ts): the
// status, the JSON type of `code`, the message (fixed, or a template whose {names} stand for values
// of the request or the result) and the schema of `data`. The OpenAPI document and the Postman
// collection are written from these, and the fuzz test checks every success against them.
import type { CodeType } from './envelope.ts';
import type { JsonSchema } from './params.ts';

export interface Answer {
  status: 200 | 201 | 202;
  code: CodeType;
  /** The message, or each message it may be: fixed text, or a template with {name} placeholders. */
  msg: string | readonly string[];
  /** Example values of placeholders that are not parameters of the request (a new id, a count). */
  msgExamples?: Readonly<Record<string, string>>;
  /** The schema of `data`; none: the answer has no `data`. */
  data?: JsonSchema;
  /** `data` is there only sometimes (delete_campaign's refusals). */
  dataOptional?: true;
  /**
   * The whole body, when the answer is not the envelope: campaign_15 answers `code` beside its
   * own fields, with no `error` or `msg` (`msg` is then unused).
   */
  bare?: JsonSchema;
}

const templates = (a: Answer): readonly string[] => (typeof a.msg === 'string' ? [a.msg] : a.msg);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The schema of `msg`: the fixed text itself, or a pattern where each {name} is any text (a name may hold a line break). */
export function msgSchema(a: Answer): JsonSchema {
  const patterns = templates(a).map((t) => `^${t.split(/\{\w+\}/).map(escape).join('[\\s\\S]+')}$`);
  const fixed = templates(a).every((t) => !/\{\w+\}/.test(t));
  if (fixed) return templates(a).length === 1 ? { type: 'string', const: templates(a)[0] } : { type: 'string', enum: [...templates(a)] };
  return patterns.length === 1 ? { type: 'string', pattern: patterns[0] } : { type: 'string', anyOf: patterns.map((pattern) => ({ pattern })) };
}

/** The first message with its placeholders filled from `values`, then from the answer's own examples. */
export function msgExample(a: Answer, values: Readonly<Record<string, unknown>>): string {
  const first = templates(a)[0] ?? '';
  return first.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = a.msgExamples?.[name] ?? values[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : Array.isArray(value) ? value.join(',') : name;
  });
}

/** A value of `schema` for an example: its own example, const or first enum value, else built from its parts. */
export function exampleOf(schema: JsonSchema): unknown {
  if ('example' in schema) return schema.example;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return exampleOf(schema.anyOf[0] as JsonSchema);
  if (schema.type === 'array') return [exampleOf((schema.items ?? {}) as JsonSchema)];
  if (schema.type === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, exampleOf(v)]));
  }
  return schema.type === 'integer' || schema.type === 'number' ? 0 : schema.type === 'boolean' ? false : schema.type === 'null' ? null : '';
}

/** The schema of the whole success envelope. */
export function successSchema(a: Answer): JsonSchema {
  if (a.bare) return a.bare;
  const properties: Record<string, JsonSchema> = {
    code: a.code === 'string' ? { type: 'string', const: String(a.status) } : { type: 'integer', const: a.status },
    error: { type: 'null' },
    msg: msgSchema(a),
    ...(a.data ? { data: a.data } : {}),
  };
  return {
    type: 'object', additionalProperties: false, properties,
    required: ['code', 'error', 'msg', ...(a.data && !a.dataOptional ? ['data'] : [])],
  };
}

/** An example of the success envelope for a request with these values. */
export function successExample(a: Answer, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (a.bare) return exampleOf(a.bare) as Record<string, unknown>;
  return {
    code: a.code === 'string' ? String(a.status) : a.status, error: null, msg: msgExample(a, values),
    ...(a.data && !a.dataOptional ? { data: exampleOf(a.data) } : {}),
  };
}

/** Shapes `data` often takes. */
export const dataSchemas = {
  connId: { type: 'object', additionalProperties: false, required: ['conn_id'], properties: { conn_id: { type: 'string', description: 'the call id (conn_id)', example: '5f0c7a3e9b2d4c61a8e1f03b7d6c2a94' } } },
  /** Every value of a wolkvox report row is a string. */
  text: (description: string, example = '') => ({ type: 'string', description, example }),
  /** A list's `data`: rows whose every value is a string, each field with its description and an example. */
  rows: (fields: Readonly<Record<string, readonly [description: string, example: string]>>, bounds: { minItems?: number; maxItems?: number } = {}) => ({
    type: 'array', ...bounds, items: {
      type: 'object', additionalProperties: false, required: Object.keys(fields),
      properties: Object.fromEntries(Object.entries(fields).map(([name, [description, example]]) => [name, { type: 'string', description, example }])),
    },
  }),
} satisfies Record<string, unknown>;

/** The message of a list: wolkvox's, grammar as written ("1 records were found"). */
export const foundMsg = (n: number) => `${n} records were found`;
