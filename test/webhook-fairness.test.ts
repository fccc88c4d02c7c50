// One operation cannot starve another's webhooks. Six operations each fill their 20 subscriptions
// with receivers that never answer and flood them with events (120 busy subscriptions, more than a
// fan-out batch); a seventh operation's events still reach its receiver within a round. All on the
// virtual clock, with a sender that stands in for the network (nothing is sent anywhere).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { defaultWebhookPolicy } from '../src/engine/webhooks/dispatcher.ts';
import type { WebhookSender } from '../src/engine/ports/webhooks.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const ADMIN = 'admin-token-for-tests-0001';

interface Post { host: string; seq: number; type: string; at: number }

/** Receivers named `hole-…` never answer; every other one answers 200 at once. */
function fakeNetwork(now: () => number): WebhookSender & { posts: Post[] } {
  const posts: Post[] = [];
  return {
    posts,
    post(url, body) {
      const host = new URL(url).hostname;
      const event = JSON.parse(body) as { seq: number; type: string };
      posts.push({ host, seq: event.seq, type: event.type, at: now() });
      return host.startsWith('hole-') ? new Promise(() => {}) : Promise.resolve({ status: 200, error: null });
    },
  };
}

async function v1(p: TestPacer, token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json as Record<string, any>;
}

async function operation(p: TestPacer, id: string): Promise<string> {
  const created = await v1(p, ADMIN, 'POST', '/v1/operations', { id, name: `Operation ${id}`, time_zone: 'America/Bogota' });
  return String(created.token.token);
}

for (const { kind, skip } of await storeKinds()) {
  describe(`webhook fairness on ${kind}`, { skip }, () => {
    test('operations flooding receivers that never answer do not delay another operation\'s deliveries', { timeout: 300_000 }, async (t) => {
      let now = () => 0;
      const network = fakeNetwork(() => now());
      const p = await testPacer(kind, {
        env: { PACER_ADMIN_TOKEN: ADMIN, PACER_NATIVE_RATE: '100000' }, webhookSender: network, webhookAnswersAtOnce: false,
      });
      now = () => p.clock.now();
      try {
        const flooders: { token: string; agent: string }[] = [{ token: TOKEN, agent: '1001' }];
        for (let i = 1; i <= 5; i++) flooders.push({ token: await operation(p, `00${10 + i}`), agent: '2001' });
        for (const [n, f] of flooders.entries()) {
          await v1(p, f.token, 'PUT', `/v1/agents/${f.agent}`, { name: 'Flood' });
          for (let h = 0; h < 20; h++) await v1(p, f.token, 'POST', '/v1/webhooks', { url: `https://hole-${n}-${h}.example/hook` });
        }
        const quiet = await operation(p, '0020');
        await v1(p, quiet, 'PUT', '/v1/agents/2001', { name: 'Quiet' });
        await v1(p, quiet, 'POST', '/v1/webhooks', { url: 'https://quiet.example/hook' });

        // 40 virtual seconds: each flooder renames its agent three times every half second (each
        // rename an event for 20 subscriptions); the quiet operation renames its agent every 4 s.
        const quietEvents: number[] = [];
        const start = p.clock.now();
        for (let step = 0; step < 80; step++) {
          for (const f of flooders) {
            for (let k = 0; k < 3; k++) await v1(p, f.token, 'PUT', `/v1/agents/${f.agent}`, { name: `Flood ${step}.${k}` });
          }
          if (step % 8 === 3) {
            await v1(p, quiet, 'PUT', '/v1/agents/2001', { name: `Quiet ${step}` });
            quietEvents.push(p.clock.now());
          }
          await p.clock.advance(500);
        }
        await p.clock.advance(5000);

        const quietPosts = network.posts.filter((x) => x.host === 'quiet.example' && x.type === 'agent.renamed').sort((a, b) => a.seq - b.seq);
        assert.equal(quietPosts.length, quietEvents.length, `every event of the quiet operation was delivered, once: ${quietPosts.map((x) => `${x.seq} ${x.type}`).join(', ')}`);
        const delays = quietPosts.map((x, i) => x.at - (quietEvents[i] ?? Infinity));
        t.diagnostic(`the quiet operation's delays (ms): ${delays.join(', ')}; ${network.posts.length} sends in all`);
        assert.ok(delays.every((d) => d >= 0 && d <= 3000), `delays of the quiet operation's deliveries (ms): ${delays.join(', ')}`);

        // The flooders did get their turn, each within its share: a never-answering receiver holds
        // a slot until the send times out, so no operation had more than its share out at once.
        const { perOperation, timeoutMs } = defaultWebhookPolicy;
        for (let n = 0; n < flooders.length; n++) {
          const mine = network.posts.filter((x) => x.host.startsWith(`hole-${n}-`));
          assert.ok(mine.length > 0, `operation ${n} was sent something`);
          for (const x of mine) {
            const out = mine.filter((y) => y.at <= x.at && y.at + timeoutMs > x.at).length;
            assert.ok(out <= perOperation, `operation ${n} had ${out} sends out at ${x.at - start} ms`);
          }
        }
      } finally {
        await p.close();
      }
    });
  });
}
