// The one check every request passes, on both faces, before a route reads its input: no control
// characters and no lone UTF-16 surrogates in the path parameters, the query string, the headers
// Pacer reads or the body (at any depth, field names included), no number that is not finite, and
// no body nested deeper than any request needs. A refusal is 400 BAD_VALUE naming the field
// (`body.records[2].opt1 must not contain control characters (U+0000)`), answered in each face's
// shape by the server's one error mapper. The route schemas and the wolkvox parameter specs then
// check each field's own form.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail, type PacerError } from '../../domain/errors.ts';

/**
 * Headers Pacer reads: the tokens (native and wolkvox), the operation named by header or host,
 * Idempotency-Key, Last-Event-ID and the body's content type. Others are passed over.
 */
const readHeaders = ['authorization', 'wolkvox-token', 'wolkvox_server', 'host', 'idempotency-key', 'last-event-id', 'content-type'] as const;

/** Deeper than any route's body (a calling schedule's intervals are at depth 3). */
const maxDepth = 32;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What is wrong with one string, or undefined. The rule is the same for every field, identifiers
 * and free text alike, so that no field can be forgotten:
 * - refused: the C0 controls U+0000–U+001F but tab, line feed and carriage return, and DEL U+007F.
 *   No field means any of them, and PostgreSQL refuses U+0000 in text and in json;
 * - allowed: tab, LF and CR (comments and descriptions may have several lines; the wolkvox
 *   parameters that must be one line say so in their own specs), and the C1 controls
 *   U+0080–U+009F, which text decoded from legacy code pages carries and which store as they are;
 * - refused: a lone UTF-16 surrogate (a JSON body can write "\ud800"): UTF-8 cannot encode it,
 *   PostgreSQL's jsonb refuses it and a text column would keep U+FFFD instead, changing the data.
 */
function stringProblem(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return `must not contain control characters (${hex(c)})`;
    } else if (c === 0x7f) {
      return `must not contain control characters (${hex(c)})`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      else return `must not contain a lone UTF-16 surrogate (${hex(c)})`;
    }
  }
  return undefined;
}

/** What is wrong with one leaf of the input (a string, a number), or undefined. */
function leafProblem(value: unknown): string | undefined {
  if (typeof value === 'string') return stringProblem(value);
  // JSON writes 1e400 and the schemas' type coercion reads "Infinity" or 400 digits as a number,
  // skipping their own minimum and maximum for it: no field takes one, PostgreSQL refuses them.
  if (typeof value === 'number' && !Number.isFinite(value)) return 'must be a finite number';
  return undefined;
}

const childName = (parent: string, key: string) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`);

/** The refusal for `value` (named `name` in it), or undefined when it is clean. */
export function inputRefusal(value: unknown, name: string): PacerError | undefined {
  // A stack, not recursion: a hostile body may be nested thousands deep.
  const stack: [unknown, string, number][] = [[value, name, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [at, field, depth] = item;
    if (at === null || typeof at !== 'object') {
      const problem = leafProblem(at);
      if (problem) return fail.badValue(`${field} ${problem}`);
      continue;
    }
    if (depth >= maxDepth) return fail.badValue(`${field} is nested deeper than ${maxDepth} levels`);
    const children: [string, unknown][] = [];
    if (Array.isArray(at)) {
      at.forEach((child, i) => children.push([`${field}[${i}]`, child]));
    } else {
      for (const [key, child] of Object.entries(at)) {
        const problem = stringProblem(key);
        if (problem) return fail.badValue(`a field name in ${field} ${problem}`);
        children.push([childName(field, key), child]);
      }
    }
    // Pushed last first, so that the first bad field in document order is the one named.
    for (let i = children.length - 1; i >= 0; i--) {
      const [childField, child] = children[i] as [string, unknown];
      stack.push([child, childField, depth + 1]);
    }
  }
  return undefined;
}

/** Throws the refusal for `value`, if any (for input parsed after the hooks, as campaign.php's text bodies). */
export function refuseBadInput(value: unknown, name: string): void {
  const refusal = inputRefusal(value, name);
  if (refusal) throw refusal;
}

/** The URL's parameters and the headers Pacer reads: text, as they arrive. */
function urlAndHeaderRefusal(request: FastifyRequest): PacerError | undefined {
  const headers = Object.fromEntries(readHeaders.flatMap((h) => (request.headers[h] === undefined ? [] : [[h, request.headers[h]]])));
  return inputRefusal(request.params, 'params') ?? inputRefusal(request.query, 'query') ?? inputRefusal(headers, 'headers');
}

/**
 * Registers the check: the path, query and headers at onRequest (before authentication reads the
 * token), then the parameters, query and body at preHandler, once the body is parsed and the
 * route's schema has coerced types (text to numbers), before the route or idempotency reads them.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => done(urlAndHeaderRefusal(request)));
  app.addHook('preHandler', (request, _reply, done) => {
    done(inputRefusal(request.params, 'params') ?? inputRefusal(request.query, 'query') ?? inputRefusal(request.body, 'body'));
  });
}
