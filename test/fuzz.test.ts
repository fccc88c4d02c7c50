// Fuzz: thousands of malformed, oversized, wrongly typed and hostile requests, drawn from a seeded
// generator over every route of both faces (the native routes from the app's own /openapi.json,
// the wolkvox apis from their route tables; test/support/fuzz/). No answer may be a 5xx or stray
// from the shape its document declares (/openapi.json, /openapi-wolkvox.json). Bounded in count and
// in time on each store. A failure prints the seed: PACER_FUZZ_SEED=<seed> replays the same
// requests (PACER_FUZZ_REQUESTS, PACER_FUZZ_SECONDS widen or narrow the run).
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { after, describe, test } from 'node:test';
import type { WebhookSender } from '../src/engine/ports/webhooks.ts';
import { answerChecker, type Answer } from './support/fuzz/oracle.ts';
import { seededRng } from './support/fuzz/random.ts';
import { buildRequest, type FuzzRequest } from './support/fuzz/requests.ts';
import { nativeShapes, wolkvoxShapes } from './support/fuzz/shapes.ts';
import type { JsonSchema } from './support/fuzz/valid-values.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';

after(stopSharedEmbedded);

const seed = Number(process.env.PACER_FUZZ_SEED ?? randomInt(2 ** 31));
const maxRequests = Number(process.env.PACER_FUZZ_REQUESTS ?? 12_000);
const seconds = Number(process.env.PACER_FUZZ_SECONDS ?? 30);
const adminToken = 'fuzz-admin-token-0123456789';
const replay = `PACER_FUZZ_SEED=${seed} node --test test/fuzz.test.ts`;

/** Webhooks the fuzz subscribes are never called: nothing leaves the process. */
const noSender: WebhookSender = { post: () => Promise.resolve({ status: null, error: 'the fuzz test sends no webhooks' }) };

/** Sends one request; undefined when the test client itself cannot send it. */
async function send(p: TestPacer, request: FuzzRequest): Promise<Answer | undefined> {
  const stream = request.url.startsWith('/v1/events/stream');
  let res;
  try {
    res = await p.pacer.app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.payload, payloadAsStream: stream });
  } catch {
    return undefined;
  }
  if (!stream) return { statusCode: res.statusCode, headers: res.headers, body: res.body };
  const body = res.stream();
  // A live event stream never ends: its first answer is enough.
  if (String(res.headers['content-type']).startsWith('text/event-stream')) {
    body.destroy();
    return { statusCode: res.statusCode, headers: res.headers, body: '' };
  }
  return { statusCode: res.statusCode, headers: res.headers, body: await text(body) };
}

const describeRequest = (request: FuzzRequest) => [
  `${request.method} ${request.url.slice(0, 300)}`,
  `  shape: ${request.shape.label}; mutations: ${request.notes.join('; ') || 'none'}`,
  `  headers: ${JSON.stringify(request.headers).slice(0, 300)}`,
  ...(request.payload === undefined ? [] : [`  body: ${typeof request.payload === 'string' ? JSON.stringify(request.payload.slice(0, 300)) : `bytes ${request.payload.toString('hex').slice(0, 300)}`}${request.payload.length > 300 ? ` (${request.payload.length} long)` : ''}`]),
].join('\n');

for (const { kind, skip } of await storeKinds()) {
  describe(`fuzz on ${kind}`, { skip }, () => {
    test('no request gets a 5xx or an answer off its declared shape', async (t) => {
      t.diagnostic(`seed ${seed}; replay: ${replay}`);
      const p = await testPacer(kind, {
        env: { PACER_ADMIN_TOKEN: adminToken, PACER_QUOTA_PER_LICENSE: '1000000', PACER_NATIVE_RATE: '100000' },
        webhookSender: noSender,
      });
      try {
        const openapi = (await p.call({ method: 'GET', url: '/openapi.json' })).json as JsonSchema;
        const tokens = await p.call({ method: 'GET', url: '/v1/tokens', headers: { authorization: `Bearer ${TOKEN}` } });
        const tokenId = String((tokens.json.data as { id: string; description: string }[]).find((x) => x.description === 'Demo token')?.id);
        const shapes = [...nativeShapes(openapi), ...wolkvoxShapes()];
        const wolkvoxDoc = (await p.call({ method: 'GET', url: '/openapi-wolkvox.json' })).json as JsonSchema;
        const check = answerChecker(openapi, wolkvoxDoc);
        const r = seededRng(seed);
        const creds = { token: TOKEN, tokenId, adminToken };
        const started = performance.now();
        const deadline = started + seconds * 1000;
        const statuses = new Map<number, number>();
        const perShape = new Map<string, number>();
        const failures = new Map<string, string>();
        let sent = 0;
        let failed = 0;
        let unsendable = 0;
        run: for (;;) {
          // Every route once a round, in a new order each round.
          for (const shape of r.shuffle(shapes)) {
            if (sent >= maxRequests || performance.now() > deadline) break run;
            const request = buildRequest(shape, r, creds);
            const answer = await send(p, request);
            sent++;
            if (!answer) {
              unsendable++;
              continue;
            }
            statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
            perShape.set(shape.label, (perShape.get(shape.label) ?? 0) + 1);
            const problem = check(request, answer);
            if (problem) {
              failed++;
              // One example of each kind of failure on each route.
              const key = `${shape.label} ${answer.statusCode} ${problem.split(/[:(]/)[0] ?? ''}`;
              if (!failures.has(key) && failures.size < 40) failures.set(key, `#${sent} ${describeRequest(request)}\n  => ${problem}`);
            }
          }
        }
        const elapsed = (performance.now() - started) / 1000;
        const byStatus = [...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ');
        t.diagnostic(`${sent} requests over ${shapes.length} routes in ${elapsed.toFixed(1)} s (${unsendable} the test client refused); ${byStatus}`);
        assert.equal(perShape.size, shapes.length, `every route was fuzzed (seed ${seed})`);
        // The fuzz kept its access to the end (it spares its own token and operation).
        assert.equal((await p.call({ method: 'GET', url: '/v1/operation', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 200);
        assert.equal(failed, 0, `${failed} bad answers (seed ${seed}; replay: ${replay}):\n\n${[...failures.values()].join('\n\n')}`);
      } finally {
        await p.close();
      }
    });
  });
}
