// WolkvoxClient against a live Pacer on a socket: typed calls, normalised codes, typed errors,
// the per-token queue and the retry of SIMULTANEOUS refusals.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import {
  NotFoundError, ParameterError, SimultaneousRequestsError, StateConflictError, TokenError, WolkvoxClient,
} from '../packages/client/src/index.ts';
import { stopSharedEmbedded } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

async function live(env: Record<string, string> = {}): Promise<{ p: TestPacer; baseUrl: string }> {
  const p = await testPacer('pglite', { env });
  await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = p.pacer.app.server.address() as AddressInfo;
  return { p, baseUrl: `http://127.0.0.1:${port}` };
}

const instant = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WolkvoxClient against Pacer', () => {
  test('agentbox calls are typed and their code is a number', async () => {
    const { p, baseUrl } = await live();
    try {
      const client = new WolkvoxClient({ baseUrl, token: TOKEN, server: '0001' });
      const ready = await client.agentbox.changeStatus(1001, 'ready');
      assert.deepEqual(ready, { code: 200, error: null, msg: 'Agent status has been modified to Ready' });
      const dial = await client.agentbox.dial({ agentId: 1001, customerPhone: '3001234567', customerName: 'Ana' });
      assert.match(dial.data?.conn_id ?? '', /^[0-9a-f]{32}$/);
      await p.clock.advance(4000);
      assert.equal((await client.agentbox.hold(1001)).msg, 'Hold agentbox has been excecuted');
      const recall = await client.agentbox.recall({ agentId: 1001, customerPhone: '3001234567', date: new Date('2026-03-03T15:00:00Z'), type: 'manual' });
      assert.equal(recall.msg, 'Recall has been successful');
      const cb = await p.pacer.database.db.selectFrom('callbacks').select('due_at').executeTakeFirstOrThrow();
      assert.equal(cb.due_at.toISOString(), '2026-03-03T15:00:00.000Z', 'the Date went out as 20260303100000 in Bogota');
      // The collection's recall of a record, then edit_recall (PUT) and delete_recall (DELETE).
      const ofRecord = { agentId: 1002, campaignId: 1, customerId: '100002' };
      await client.agentbox.recall({ ...ofRecord, customerPhone: '3001112222', date: '20260303110000', type: 'auto' });
      assert.equal((await client.agentbox.editRecall({ ...ofRecord, date: new Date('2026-03-03T17:00:00Z'), type: 'manual' })).msg, 'Recall has been updated successfully');
      assert.equal((await client.agentbox.deleteRecall({ ...ofRecord, type: 'manual' })).msg, 'Recall has been deleted successfully');
      const ofAgent = await p.pacer.database.db.selectFrom('callbacks').select(['status', 'due_at', 'type_recall']).where('agent_id', '=', '1002').executeTakeFirstOrThrow();
      assert.deepEqual([ofAgent.status, ofAgent.due_at.toISOString(), ofAgent.type_recall], ['cancelled', '2026-03-03T17:00:00.000Z', 'manual']);
    } finally {
      await p.close();
    }
  });

  test('refusals are typed errors', async () => {
    const { p, baseUrl } = await live();
    try {
      const client = new WolkvoxClient({ baseUrl, token: TOKEN });
      await assert.rejects(client.agentbox.changeStatus(9999, 'ready'), NotFoundError);
      await assert.rejects(client.agentbox.hold(1001), (e: unknown) => e instanceof StateConflictError && e.message === 'Agent 1001 has no active call');
      await assert.rejects(client.request('agentbox', 'change_status', 'POST', { agent_id: 1001, status: 'busy' }),
        (e: unknown) => e instanceof ParameterError && e.parameter === 'status' && e.status === 400);
      const stranger = new WolkvoxClient({ baseUrl, token: 'not-a-token' });
      await assert.rejects(stranger.agentbox.hang(1001), (e: unknown) => e instanceof TokenError && e.status === 403);
    } finally {
      await p.close();
    }
  });

  test('the client keeps a token within its limit and retries SIMULTANEOUS refusals', async () => {
    // The server allows one request per token in flight; the client is told two: the server
    // refuses the overflow and the client retries until every call has gone through.
    const { p, baseUrl } = await live({ PACER_TOKEN_CONCURRENCY: '1' });
    try {
      let refused = 0;
      const client = new WolkvoxClient({
        baseUrl, token: TOKEN, concurrency: 2, retries: 200,
        sleep: async () => { refused++; await instant(); },
      });
      const agents = Array.from({ length: 10 }, (_, i) => 1001 + i);
      const answers = await Promise.all(agents.map((a) => client.agentbox.changeStatus(a, 'ready')));
      assert.equal(answers.every((a) => a.code === 200), true);
      assert.ok(refused > 0, 'the server did refuse some overlapping requests');

      const strict = new WolkvoxClient({ baseUrl, token: TOKEN, concurrency: 2, retries: 0 });
      const results = await Promise.allSettled(agents.map((a) => strict.agentbox.changeStatus(a, 'logout')));
      const rejected = results.filter((r) => r.status === 'rejected');
      assert.ok(rejected.every((r) => r.reason instanceof SimultaneousRequestsError));
    } finally {
      await p.close();
    }
  });

  test('dates given as strings pass through; Dates are formatted in the operation zone', () => {
    const client = new WolkvoxClient({ baseUrl: 'http://127.0.0.1:1', token: 't', timeZone: 'America/Bogota' });
    assert.equal(client.stamp('20231122101520'), '20231122101520');
    assert.equal(client.stamp(new Date('2023-11-22T15:15:20Z')), '20231122101520');
  });
});
