// Webhooks: signed deliveries to a receiver on loopback, retried with backoff on the virtual
// clock, logged, and resumed by a new process after a restart.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { retryDelayMs, defaultWebhookPolicy } from '../src/engine/webhooks/dispatcher.ts';
import { verifySignature } from '../src/engine/webhooks/signature.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer, type TestPacerOptions } from './support/pacer.ts';
import { receiver, testResolver, type Received } from './support/webhook-receiver.ts';

after(stopSharedEmbedded);

/** The receivers listen on loopback: these Pacers allow private targets (and resolve no real name). */
const onLoopback: TestPacerOptions = { env: { PACER_WEBHOOK_ALLOW_PRIVATE: 'true' }, webhookResolver: testResolver() };

const auth = { authorization: `Bearer ${TOKEN}` };

async function subscribe(p: TestPacer, url: string, types?: string[]): Promise<{ id: string; secret: string }> {
  const r = await p.call({ method: 'POST', url: '/v1/webhooks', headers: auth, payload: { url, ...(types ? { types } : {}) } });
  assert.equal(r.statusCode, 201, r.body);
  return r.json as unknown as { id: string; secret: string };
}

for (const { kind, skip } of await storeKinds()) {
  describe(`webhooks on ${kind}`, { skip }, () => {
    test('events after the subscription are delivered, signed, filtered by type', async () => {
      const p = await testPacer(kind, onLoopback);
      const rx = await receiver();
      try {
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        const hook = await subscribe(p, rx.url, ['agent.state']);
        await p.agentbox('change_status', { agent_id: '1002', status: '1' });
        await p.agentbox('dial', { agent_id: '1001', customer_phone: '3001234567' });
        await p.clock.advance(2500);
        const events = rx.got.map((g) => JSON.parse(g.body));
        assert.ok(events.length >= 2);
        assert.ok(events.every((e) => e.type === 'agent.state'), 'only the types subscribed to');
        assert.deepEqual([events[0].agent_id, events[0].data.to], ['1002', 'aux:1'], 'nothing from before the subscription');
        assert.deepEqual([events[1].agent_id, events[1].data.to], ['1001', 'ringing']);
        const first = rx.got[0] as Received;
        const event = events[0];
        assert.equal(first.headers['pacer-event-type'], 'agent.state');
        assert.equal(first.headers['pacer-event-seq'], String(event.seq));
        const nowS = Math.floor(p.clock.now() / 1000);
        assert.ok(verifySignature(hook.secret, String(first.headers['pacer-signature']), first.body, nowS));
        assert.ok(!verifySignature('wrong-secret', String(first.headers['pacer-signature']), first.body, nowS));
        assert.ok(!verifySignature(hook.secret, String(first.headers['pacer-signature']), `${first.body} `, nowS));
      } finally {
        rx.close();
        await p.close();
      }
    });

    test('a failing receiver is retried with exponential backoff, and the log shows it', async () => {
      const p = await testPacer(kind, onLoopback);
      const rx = await receiver([500, 503]);
      try {
        const hook = await subscribe(p, rx.url, ['agent.state']);
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        // The subscription wakes the dispatcher at once: the first attempt goes out at t = 0.
        await p.clock.advance(2500);
        assert.equal(rx.got.length, 1);
        await p.clock.advance(retryDelayMs(defaultWebhookPolicy, 1) - 4000);
        assert.equal(rx.got.length, 1, 'not before the first backoff');
        await p.clock.advance(4000);
        assert.equal(rx.got.length, 2);
        await p.clock.advance(retryDelayMs(defaultWebhookPolicy, 2) + 2500);
        assert.equal(rx.got.length, 3);
        const log = await p.call({ method: 'GET', url: `/v1/webhooks/${hook.id}/deliveries`, headers: auth });
        const [d] = log.json.data as { status: string; attempts: number; last_status: number }[];
        assert.deepEqual([d?.status, d?.attempts, d?.last_status], ['delivered', 3, 200]);
        assert.equal(new Set(rx.got.map((g) => g.headers['pacer-delivery'])).size, 1, 'one delivery, three attempts');
      } finally {
        rx.close();
        await p.close();
      }
    });

    test('pending deliveries survive a restart and are sent once by the next process', async () => {
      const first = await testPacer(kind, { ...onLoopback, keepSchema: true });
      const rx = await receiver([503]);
      let second: TestPacer | undefined;
      try {
        await subscribe(first, rx.url, ['agent.']);
        await first.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await first.clock.advance(2500);
        assert.equal(rx.got.length, 1);
        await first.close();
        second = await testPacer(kind, { ...onLoopback, schema: first.schema, clock: first.clock });
        await second.clock.advance(retryDelayMs(defaultWebhookPolicy, 1) + 2500);
        assert.equal(rx.got.length, 2);
        await second.clock.advance(120_000);
        assert.equal(rx.got.length, 2, 'delivered once, not again');
      } finally {
        rx.close();
        await second?.close();
      }
    });

    test('bad subscriptions are refused; unknown ids are 404', async () => {
      const p = await testPacer(kind, onLoopback);
      try {
        for (const url of ['ftp://example.com', 'not a url', 'http://user:pw@127.0.0.1/']) {
          const r = await p.call({ method: 'POST', url: '/v1/webhooks', headers: auth, payload: { url } });
          assert.equal(r.statusCode, 400, url);
        }
        assert.equal((await p.call({ method: 'DELETE', url: '/v1/webhooks/999', headers: auth })).statusCode, 404);
        assert.equal((await p.call({ method: 'GET', url: '/v1/webhooks/999/deliveries', headers: auth })).statusCode, 404);
      } finally {
        await p.close();
      }
    });
  });
}
