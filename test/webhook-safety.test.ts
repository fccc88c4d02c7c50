// Webhooks cannot be turned against Pacer's own network, on the real app and both stores: targets
// that are not public are refused at create, a name rebound to loopback is refused at send
// (nothing reaches the receiver listening there), an operation has at most
// maxWebhooksPerOperation, a deleted webhook is sent nothing more, and an idempotent replay of a
// create does not keep the secret. No name here is resolved by real DNS (testResolver).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { maxWebhooksPerOperation } from '../src/engine/native/webhooks.ts';
import { defaultWebhookPolicy, retryDelayMs } from '../src/engine/webhooks/dispatcher.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';
import { receiver, testResolver } from './support/webhook-receiver.ts';

after(stopSharedEmbedded);

const auth = { authorization: `Bearer ${TOKEN}` };
const allowPrivate = { PACER_WEBHOOK_ALLOW_PRIVATE: 'true' };
/** A type no event has: a subscription that is never delivered to. */
const silent = ['nothing.'];

/** The native error of an answer. */
const errorOf = (r: { json: Record<string, unknown> }) => (r.json.error ?? {}) as { code?: string; message?: string };
const webhookCount = async (p: TestPacer) => ((await p.call({ method: 'GET', url: '/v1/webhooks', headers: auth })).json.data as unknown[]).length;

const create = (p: TestPacer, url: string, types?: string[], headers: Record<string, string> = {}) =>
  p.call({ method: 'POST', url: '/v1/webhooks', headers: { ...auth, ...headers }, payload: { url, ...(types ? { types } : {}) } });

for (const { kind, skip } of await storeKinds()) {
  describe(`webhook safety on ${kind}`, { skip }, () => {
    test('targets that are not public are refused at create, naming the rule, unless the setting allows them', async () => {
      const p = await testPacer(kind, { webhookResolver: testResolver() });
      const open = await testPacer(kind, { env: allowPrivate, webhookResolver: testResolver() });
      try {
        // Loopback forms only: the open Pacer below creates each of them. The private, link-local
        // and other ranges are named by the pure rule's tests (webhook-target.test.ts).
        const refused: [string, RegExp][] = [
          ['http://127.0.0.1:5432/', /^url points at a loopback address \(127\.0\.0\.1\): webhooks go to public addresses; set PACER_WEBHOOK_ALLOW_PRIVATE=true on a private network$/],
          ['http://[::1]:6379/', /loopback address \(::1\)/], ['http://2130706433/', /loopback address \(127\.0\.0\.1\)/],
          ['http://0x7f000001/', /loopback address \(127\.0\.0\.1\)/], ['http://0177.0.0.1/', /loopback address \(127\.0\.0\.1\)/],
          ['http://[::ffff:127.0.0.1]/', /an IPv6 form of 127\.0\.0\.1/], ['http://127.10.20.30/', /loopback address \(127\.10\.20\.30\)/],
          ['http://127.1:8080/', /loopback address \(127\.0\.0\.1\)/], ['http://[::FFFF:7F00:1]/latest/meta-data/', /an IPv6 form of 127\.0\.0\.1/],
          ['http://localhost:8080/', /^url names localhost/], ['http://metadata.google.internal/', /a private-use name/],
          ['http://redis:6379/', /a name without a dot/],
        ];
        for (const [url, message] of refused) {
          const r = await create(p, url);
          assert.deepEqual([r.statusCode, errorOf(r).code], [400, 'BAD_VALUE'], url);
          assert.match(errorOf(r).message ?? '', message, url);
        }
        assert.equal(await webhookCount(p), 0, 'none was created');
        assert.equal((await create(p, 'https://hooks.example.com/pacer', silent)).statusCode, 201, 'a public name is accepted');
        for (const [url] of refused) assert.equal((await create(open, url, silent)).statusCode, 201, `${url} on a private network`);
      } finally {
        await p.close();
        await open.close();
      }
    });

    test('a name rebound to loopback is refused at send: the receiver there sees nothing, the log names the rule', async () => {
      const rx = await receiver();
      const p = await testPacer(kind, { webhookResolver: testResolver({ 'rebind.test': ['127.0.0.1'] }) });
      try {
        const hook = await create(p, `http://rebind.test:${rx.port}/hook`, ['agent.state']);
        assert.equal(hook.statusCode, 201, hook.body);
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await p.clock.advance(2500);
        assert.equal(rx.connections(), 0, 'no connection was made');
        const log = await p.call({ method: 'GET', url: `/v1/webhooks/${String(hook.json.id)}/deliveries`, headers: auth });
        const [d] = log.json.data as { status: string; attempts: number; last_status: number | null; last_error: string }[];
        assert.deepEqual([d?.status, d?.attempts, d?.last_status], ['pending', 1, null]);
        assert.match(d?.last_error ?? '', /^refused, not sent: rebind\.test resolves to a loopback address \(127\.0\.0\.1\): webhooks go to public addresses/);
      } finally {
        rx.close();
        await p.close();
      }
    });

    test(`an operation has at most ${maxWebhooksPerOperation} webhooks`, async () => {
      const p = await testPacer(kind, { webhookResolver: testResolver() });
      try {
        const ids: string[] = [];
        for (let i = 0; i < maxWebhooksPerOperation; i++) {
          const r = await create(p, `https://hooks.example.com/${i}`, silent);
          assert.equal(r.statusCode, 201, r.body);
          ids.push(String(r.json.id));
        }
        const over = await create(p, 'https://hooks.example.com/one-more', silent);
        assert.deepEqual([over.statusCode, errorOf(over).code], [409, 'LIMIT_REACHED']);
        assert.equal(errorOf(over).message, `Operation 0001 has ${maxWebhooksPerOperation} webhooks, the most it may have: delete one first`);
        assert.equal((await p.call({ method: 'DELETE', url: `/v1/webhooks/${ids[0]}`, headers: auth })).statusCode, 204);
        assert.equal((await create(p, 'https://hooks.example.com/one-more', silent)).statusCode, 201, 'a deleted one frees its place');
      } finally {
        await p.close();
      }
    });

    test('a deleted webhook is sent nothing more: its pending retry is dropped and new events are not queued', async () => {
      const rx = await receiver([503]);
      // A second webhook keeps the dispatcher busy, as in an operation that deletes one of several.
      const other = await receiver();
      const p = await testPacer(kind, { env: allowPrivate, webhookResolver: testResolver() });
      try {
        const hook = await create(p, rx.url, ['agent.']);
        await create(p, other.url, ['agent.']);
        const id = String(hook.json.id);
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await p.clock.advance(2500);
        assert.equal(rx.got.length, 1, 'the first attempt failed and waits for its retry');
        assert.equal((await p.call({ method: 'DELETE', url: `/v1/webhooks/${id}`, headers: auth })).statusCode, 204);
        await p.agentbox('change_status', { agent_id: '1002', status: 'ready' });
        // Past the retry and the dispatcher's idle minute.
        await p.clock.advance(retryDelayMs(defaultWebhookPolicy, 1) + 120_000);
        assert.equal(other.got.length, 2, 'the other webhook still gets both events');
        assert.equal(rx.got.length, 1, 'no retry and no new event after the delete');
        const log = await p.call({ method: 'GET', url: `/v1/webhooks/${id}/deliveries`, headers: auth });
        const rows = log.json.data as { status: string; attempts: number; last_status: number | null; last_error: string }[];
        assert.equal(rows.length, 1, 'nothing was queued after the delete');
        assert.deepEqual([rows[0]?.status, rows[0]?.attempts, rows[0]?.last_error], ['failed', 1, 'not sent: the webhook was deleted']);
      } finally {
        rx.close();
        other.close();
        await p.close();
      }
    });

    test('Idempotency-Key on a create: the replay names the webhook, and the secret is not kept with it', async () => {
      const p = await testPacer(kind, { webhookResolver: testResolver() });
      try {
        const key = { 'idempotency-key': 'hook-once' };
        const a = await create(p, 'https://hooks.example.com/once', silent, key);
        const b = await create(p, 'https://hooks.example.com/once', silent, key);
        assert.equal(a.statusCode, 201);
        assert.match(String(a.json.secret), /.{16}/);
        assert.deepEqual([b.statusCode, errorOf(b).code], [409, 'IDEMPOTENT_SECRET_GONE']);
        assert.equal(errorOf(b).message, `Idempotency-Key hook-once already created webhook ${String(a.json.id)}; its secret is shown only once and is not kept with the answer: delete it and create another`);
        const stored = await p.pacer.database.db.selectFrom('idempotency_keys').select('response').execute();
        assert.ok(stored.length > 0 && stored.every((r) => !String(r.response).includes(String(a.json.secret))), 'no secret kept with the answer');
        assert.equal(await webhookCount(p), 1, 'created once');
      } finally {
        await p.close();
      }
    });
  });
}
