// The native face's rate per token: a bucket of twice the rate, refilled on the engine's clock;
// past it, 429 RATE_LIMITED with Retry-After. Other tokens are not affected.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { tokenBuckets } from '../src/engine/rate-limit.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN } from './support/pacer.ts';

test('a bucket allows its burst at once, then one request per 1/rate seconds', async () => {
  const clock = virtualClock(0);
  const buckets = tokenBuckets(clock, { perSecond: 2, burst: 4 });
  assert.deepEqual([1, 2, 3, 4].map(() => buckets.take('a')), [undefined, undefined, undefined, undefined]);
  assert.equal(buckets.take('a'), 1, 'empty: retry in a second');
  assert.equal(buckets.take('b'), undefined, 'another key has its own bucket');
  await clock.advance(500);
  assert.equal(buckets.take('a'), undefined, 'half a second refills one request');
  assert.equal(buckets.take('a'), 1);
  await clock.advance(10_000);
  assert.deepEqual([1, 2, 3, 4, 5].map(() => buckets.take('a')), [undefined, undefined, undefined, undefined, 1], 'never more than the burst');
});

for (const { kind, skip } of await storeKinds()) {
  describe(`native rate limit on ${kind}`, { skip }, () => {
    test('past its rate a token gets 429 RATE_LIMITED with Retry-After; the wolkvox face keeps its own limits', async () => {
      const p = await testPacer(kind, { env: { PACER_NATIVE_RATE: '2' } });
      try {
        const get = () => p.call({ method: 'GET', url: '/v1/agents/1001', headers: { authorization: `Bearer ${TOKEN}` } });
        for (let i = 0; i < 4; i++) assert.equal((await get()).statusCode, 200, `request ${i + 1}`);
        const limited = await get();
        assert.equal(limited.statusCode, 429);
        assert.equal(limited.headers['retry-after'], '1');
        assert.deepEqual((limited.json.error as { code: string }).code, 'RATE_LIMITED');
        assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).status, 200);
        await p.clock.advance(500);
        assert.equal((await get()).statusCode, 200);
      } finally {
        await p.close();
      }
    });
  });
}

after(stopSharedEmbedded);
