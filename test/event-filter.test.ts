// The in-memory event filter (src/engine/events/event-filter.ts) selects exactly what the store's
// SQL selects: a seeded log of awkward types (underscores, percent signs, prefixes of prefixes),
// agents and campaigns, and a few hundred seeded queries, answered both ways on both stores.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { eventMatches } from '../src/engine/events/event-filter.ts';
import { seededRandom } from '../src/domain/random.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { START, testPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const types = ['call.ended', 'call.answered', 'call_x.ended', 'callx.ended', 'agent.state', 'agent.sign_in', 'agent.signXin',
  'user.sign_in_failed', 'pct%.odd', 'pctX.odd', 'back\\slash.x', 'campaign.started', 'callback.due'];
const prefixes = ['call.', 'call_', 'call_x.', 'agent.sign_', 'pct%.', 'back\\slash.', 'user.', 'c', 'callback.', 'nothing.'];

for (const { kind, skip } of await storeKinds()) {
  describe(`event filter on ${kind}`, { skip }, () => {
    test('memory and SQL select the same events for every query', async () => {
      const p = await testPacer(kind);
      try {
        const r = seededRandom(7);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
        await p.pacer.store.transaction(async (tx) => {
          for (let i = 0; i < 400; i++) {
            await tx.events.append({
              operationId: '0001', at: START + i, type: pick(types),
              agentId: r() < 0.7 ? pick(['1001', '1002', '1003']) : null, campaignId: r() < 0.5 ? pick(['1', '2']) : null,
            });
          }
        });
        const all = await p.pacer.store.transaction(async (tx) => {
          await tx.events.sequence();
          return tx.events.list({ operationId: '0001', afterSeq: 0, limit: 10_000 });
        });
        assert.ok(all.length >= 400);
        for (let q = 0; q < 300; q++) {
          const query = {
            operationId: '0001', afterSeq: Math.floor(r() * all.length), limit: 10_000,
            ...(r() < 0.4 ? { agentId: pick(['1001', '1002', '1004']) } : {}),
            ...(r() < 0.3 ? { campaignId: pick(['1', '2', '3']) } : {}),
            ...(r() < 0.7 ? { types: Array.from({ length: 1 + Math.floor(r() * 3) }, () => (r() < 0.5 ? pick(prefixes) : pick(types))) } : {}),
          };
          const bySql = await p.pacer.store.transaction((tx) => tx.events.list(query));
          const inMemory = all.filter((e) => e.seq > query.afterSeq && eventMatches(query, e));
          assert.deepEqual(bySql.map((e) => e.seq), inMemory.map((e) => e.seq), JSON.stringify(query));
        }
      } finally {
        await p.close();
      }
    });
  });
}
