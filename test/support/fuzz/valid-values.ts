// Good input for the fuzz test, so that it reaches past validation into the use cases and the
// stores: values drawn from a JSON schema of the OpenAPI document, and values a wolkvox parameter
// spec accepts. Both pick from one pool of realistic candidates (the demo operation's ids, phones,
// codes, times) filtered by the schema's pattern or the spec's parser, so a new route needs no
// change here unless none of the candidates fits it (then the test says which pattern).
import { agentButtons } from '../../../src/domain/agent.ts';
import { callResults } from '../../../src/domain/call-state.ts';
import { recallTypes } from '../../../src/domain/callback.ts';
import { campaignTypes } from '../../../src/domain/campaign.ts';
import type { ParamSpec } from '../../../src/adapters/http/wolkvox/params.ts';
import type { Rng } from './random.ts';

export type JsonSchema = Record<string, unknown>;

const candidates: readonly string[] = [
  '1001', '1002', '1003', '1004', '1099', '1', '2', '3', '7', '0001', '0002', '0003', '100001', '100002', '200001', '999',
  '3001234567', '3001000001', '+573001234567', '3009999999', '300', 'SALE', 'NOSALE', 'CALLBACK', 'NEW', 'EXISTING', 'NA',
  'call.', 'agent.state', 'call.placed', 'callback.', '07:00', '19:00', '07:00:00', '070000', '190000', '07:00-19:00', '08:00-15:00',
  '123#', '1*2', '9', 'A', 'cust-1', 'c.2@x', 'ready', 'logout', 'show', 'hide', 'yes', 'no', '0', '50', '100', 'default', 'all', '100001,100002', 'Cod_Machine', 'cod_rslt1', 'FAILED', 'Predictive',
  '20260302110000', '20260303100000', '20260302090000', '20260310080000', '1_100001', '2_200001', '1772463600000_1', '1772463600000_ab12',
  ...agentButtons, ...callResults, ...recallTypes, ...campaignTypes, 'started', 'stopped', 'pending', 'done', 'cancelled',
];

const instants = ['2026-03-02T16:00:00Z', '2026-03-03T10:00:00-05:00', '2026-03-02T14:00:00Z', '2027-01-01T00:00:00.000Z', '2026-03-02T15:30:00.250+00:00'];

/** Good strings by field name where the schema cannot say (free text, zones, URLs). */
const byName: Record<string, readonly string[]> = {
  time_zone: ['America/Bogota', 'UTC', 'America/Lima', 'Europe/Madrid'],
  // Loopback, port 9 (discard): webhook deliveries run on the virtual clock, which the fuzz never moves.
  url: ['http://127.0.0.1:9/hook', 'https://127.0.0.1:9/x'],
};
const freeText = ['Fuzz name', 'A', 'Ñandú café', 'Línea 2\nsegunda', 'x'];

function patternPool(pattern: string): string[] {
  const regex = new RegExp(pattern, 'u');
  const pool = candidates.filter((c) => regex.test(c));
  if (pool.length === 0) throw new Error(`no fuzz candidate matches the pattern ${pattern}: add one to test/support/fuzz/valid-values.ts`);
  return pool;
}

function stringFor(schema: JsonSchema, r: Rng, name: string): string {
  if (typeof schema.pattern === 'string') return r.pick(patternPool(schema.pattern));
  if (schema.format === 'date-time') return r.pick(instants);
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
  const pool = (byName[name] ?? freeText).filter((s) => s.length >= min && s.length <= max);
  return pool.length > 0 ? r.pick(pool) : 'x'.repeat(Math.max(min, 1));
}

function numberFor(schema: JsonSchema, r: Rng): number {
  const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
  return r.pick([min, max, min + r.int(0, Math.min(max - min, 10)), 1, 2, 3].filter((n) => n >= min && n <= max));
}

/** A record row as add_record takes it: mostly good, sometimes with a recall or its own zone. */
export function recordRow(r: Rng): Record<string, unknown> {
  const row: Record<string, unknown> = { customer_id: r.pick(['100001', 'cust-1', `f${r.int(1, 50)}`, '200001']), tel1: r.pick(['3001234567', '3001000001', '300']) };
  if (r.chance(0.7)) row.customer_name = r.pick(freeText);
  if (r.chance(0.3)) row.opt1 = r.pick(freeText);
  if (r.chance(0.2)) row.tel2 = '3009999999';
  if (r.chance(0.15)) row.recall_date = r.pick(['20260303100000', '20260302090000']);
  if (r.chance(0.15)) row.time_zone = r.pick(byName.time_zone ?? []);
  return row;
}

/** A value valid for `schema` (refs resolved in `root`), small enough to be cheap. */
export function validFromSchema(schema: JsonSchema, r: Rng, root: JsonSchema, name = ''): unknown {
  if (typeof schema.$ref === 'string') return validFromSchema(resolveRef(root, schema.$ref), r, root, name);
  if (Array.isArray(schema.anyOf)) return validFromSchema(r.pick(schema.anyOf as JsonSchema[]), r, root, name);
  if (Array.isArray(schema.oneOf)) return validFromSchema(r.pick(schema.oneOf as JsonSchema[]), r, root, name);
  if (Array.isArray(schema.enum)) return r.pick(schema.enum);
  if ('const' in schema) return schema.const;
  switch (schema.type) {
    case 'string': return stringFor(schema, r, name);
    case 'integer': case 'number': return numberFor(schema, r);
    case 'boolean': return r.chance(0.5);
    case 'null': return null;
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, min + 2);
      const items = (schema.items ?? {}) as JsonSchema;
      return Array.from({ length: r.int(min, max) }, () => validFromSchema(items, r, root, name));
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      // A free-form object (a record row is the one such body): a realistic row.
      if (Object.keys(properties).length === 0) return recordRow(r);
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(properties)) {
        if (required.has(key) || r.chance(0.5)) out[key] = validFromSchema(sub, r, root, key);
      }
      const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
      for (const [key, sub] of Object.entries(properties)) {
        if (Object.keys(out).length >= minProperties) break;
        out[key] ??= validFromSchema(sub, r, root, key);
      }
      return out;
    }
    default: return r.pick(freeText);
  }
}

export function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith('#/')) throw new Error(`unexpected $ref ${ref}`);
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = (at as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  if (at === undefined) throw new Error(`dangling $ref ${ref}`);
  return at as JsonSchema;
}

/** A raw value a wolkvox parameter spec accepts (a string, or a number where the spec takes one). */
export function validForSpec(spec: ParamSpec<unknown>, r: Rng, name: string): unknown {
  // A list taken as a JSON array (delete_campaign's campaign_ids): one or two good values.
  if (spec.list) {
    const items = candidates.filter((c) => spec.parse([c]).ok);
    if (items.length === 0) throw new Error(`no fuzz candidate is a valid item of the wolkvox ${name}: add one to test/support/fuzz/valid-values.ts`);
    return Array.from({ length: r.int(1, 2) }, () => r.pick(items));
  }
  const pool = [...candidates, ...freeText].filter((c) => c !== '' && spec.parse(c).ok);
  // A value no text is (edit_campaign's optional_labels, an object): the spec's own example.
  if (pool.length === 0 && spec.example !== undefined && spec.parse(spec.example).ok) return structuredClone(spec.example);
  if (pool.length === 0) throw new Error(`no fuzz candidate is a valid wolkvox ${name}: add one to test/support/fuzz/valid-values.ts`);
  return r.pick(pool);
}
