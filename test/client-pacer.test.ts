// PacerClient against a live Pacer on a socket: typed resources, typed errors, and the event
// iterator that resumes after a dropped connection without losing or repeating an event.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { PacerApiError, PacerClient, type PacerEvent } from '../packages/client/src/index.ts';
import { stopSharedEmbedded } from './support/stores.ts';
import { START, testPacer, TOKEN } from './support/pacer.ts';

after(stopSharedEmbedded);

test('resources, actions and errors', async () => {
  const p = await testPacer('pglite');
  try {
    await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
    const client = new PacerClient({ baseUrl: `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}`, token: TOKEN });
    assert.equal((await client.operation()).id, '0001');
    const { agent } = await client.agents.setStatus('1001', 'ready');
    assert.equal(agent.state, 'ready');
    const dial = await client.agents.dial('1001', { phone: '3001234567' });
    assert.equal((await client.calls.get(dial.conn_id)).state, 'dialing');
    const stats = await client.campaigns.stats('1');
    assert.deepEqual([stats.status, stats.not_dialling, stats.records], ['stopped', [{ reason: 'stopped' }], { dialable_now: 100, pending: 100, capped: false }]);
    await assert.rejects(client.campaigns.stats('999'), (e: unknown) => e instanceof PacerApiError && e.code === 'CAMPAIGN_NOT_FOUND' && e.status === 404);
    // 10:00 on the operation's clock: ten hourly buckets, the last one begun at 09:00.
    const series = await client.campaigns.series('1', { bucket: 60 });
    assert.deepEqual([series.bucket_minutes, series.buckets.length, series.buckets.at(-1)?.start], [60, 10, '2026-03-02T09:00:00-05:00']);
    const page = await client.agents.list({ limit: 2 });
    assert.deepEqual([page.data.length, page.next_cursor], [2, '1002']);
    await assert.rejects(client.agents.hold('1002'), (e: unknown) => e instanceof PacerApiError && e.code === 'NO_ACTIVE_CALL' && e.status === 409);
    const token = await client.tokens.create('second');
    await client.tokens.revoke(token.id);
    await assert.rejects(new PacerClient({ baseUrl: `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}`, token: token.token }).operation(),
      (e: unknown) => e instanceof PacerApiError && e.code === 'TOKEN_INVALID');
  } finally {
    await p.close();
  }
});

test('callbacks and skills: typed resources and refusals', async () => {
  const p = await testPacer('pglite');
  try {
    await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
    const client = new PacerClient({ baseUrl: `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}`, token: TOKEN });
    const due = new Date(START + 3600_000).toISOString();
    const mine = await client.callbacks.create({ agent_id: '1001', phone: '3005550001', due_at: due, type: 'manual' }, { idempotencyKey: 'k-1' });
    assert.deepEqual([mine.agent_id, mine.status, mine.type, mine.due_at], ['1001', 'pending', 'manual', due]);
    assert.equal((await client.callbacks.create({ agent_id: '1001', phone: '3005550001', due_at: due, type: 'manual' }, { idempotencyKey: 'k-1' })).id, mine.id);
    const recall = await client.callbacks.create({ campaign_id: '1', customer_id: '100002', phone: '3005550002', due_at: due });
    assert.deepEqual([recall.agent_id, recall.campaign_id, recall.type], [null, '1', 'auto']);
    const page = await client.callbacks.list({ agent: '1001', status: 'pending' });
    assert.deepEqual(page.data.map((c) => c.id), [mine.id]);
    const later = new Date(START + 7200_000).toISOString();
    assert.equal((await client.callbacks.reschedule(mine.id, later)).due_at, later);
    assert.equal((await client.callbacks.cancel(recall.id)).status, 'cancelled');
    assert.equal((await client.callbacks.get(recall.id)).status, 'cancelled');
    await assert.rejects(client.callbacks.get('424242'), (e: unknown) => e instanceof PacerApiError && e.code === 'CALLBACK_NOT_FOUND' && e.status === 404);
    await assert.rejects(client.callbacks.reschedule(recall.id, later), (e: unknown) => e instanceof PacerApiError && e.code === 'CALLBACK_CONFLICT' && e.status === 409);
    await assert.rejects(client.callbacks.reschedule(mine.id, new Date(START - 1000).toISOString()), (e: unknown) => e instanceof PacerApiError && e.code === 'BAD_VALUE');

    assert.deepEqual(await client.skills.put(4, 'Collections', 'Late payers'), { id: 4, name: 'Collections', description: 'Late payers' });
    assert.deepEqual((await client.skills.list()).data, [{ id: 4, name: 'Collections', description: 'Late payers' }]);
    const edited = await client.agents.edit('1003', { dni: '1020304050', sso: 'ana@example.com' });
    assert.deepEqual([edited.dni, edited.sso, edited.enabled], ['1020304050', 'ana@example.com', true]);
    assert.equal((await client.agents.disable('1003')).enabled, false);
    await assert.rejects(client.agents.setStatus('1003', 'ready'), (e: unknown) => e instanceof PacerApiError && e.code === 'AGENT_DISABLED');
    assert.equal((await client.agents.enable('1003')).enabled, true);
    assert.deepEqual((await client.configuration.putActivityCode(1, 'PROMISE', 'Promise to pay', ['hit', 'rpc'])).flags, ['hit', 'rpc']);
    assert.deepEqual((await client.agents.setSkills('1003', [4])).skills, [4]);
    await assert.rejects(client.agents.setSkills('1003', [5]), (e: unknown) => e instanceof PacerApiError && e.code === 'SKILL_NOT_FOUND');
  } finally {
    await p.close();
  }
});

test('trunks and agent phones: typed round trips; the password is sent, never read back', async () => {
  const p = await testPacer('pglite', { env: { PACER_SIP_ALLOW_PRIVATE: 'true' } });
  try {
    await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
    const client = new PacerClient({ baseUrl: `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}`, token: TOKEN });
    const made = await client.trunks.create({ uri: 'sip:127.0.0.1:5080;transport=tcp', username: 'acme', password: 'client-Secret-1', strip: 2 }, { idempotencyKey: 't-1' });
    assert.deepEqual([made.uri, made.username, made.has_password, made.strip, made.default], ['sip:127.0.0.1:5080;transport=tcp', 'acme', true, 2, true]);
    assert.equal((await client.trunks.create({ uri: 'sip:127.0.0.1:5080;transport=tcp', username: 'acme', password: 'client-Secret-1', strip: 2 }, { idempotencyKey: 't-1' })).id, made.id);
    const backup = await client.trunks.create({ uri: 'sips:backup.carrier.example' });
    assert.deepEqual((await client.trunks.list()).data.map((t) => [t.id, t.default]), [[made.id, true], [backup.id, false]]);
    assert.deepEqual((await client.trunks.list({ limit: 1 })).next_cursor, made.id);
    const changed = await client.trunks.change(made.id, { username: null, password: null, caller_id: '+5716001234' });
    assert.deepEqual([changed.username, changed.has_password, changed.caller_id], [null, false, '+5716001234']);
    assert.deepEqual(await client.trunks.get(made.id), changed);
    await client.trunks.remove(made.id);
    assert.equal((await client.trunks.get(backup.id)).default, true);
    await assert.rejects(client.trunks.get(made.id), (e: unknown) => e instanceof PacerApiError && e.code === 'TRUNK_NOT_FOUND' && e.status === 404);
    await assert.rejects(client.trunks.create({ uri: 'sip:user@carrier.example' }), (e: unknown) => e instanceof PacerApiError && e.code === 'BAD_VALUE' && /^uri must not have a user part/.test(e.message));

    const phone = await client.agents.setPhone('1001', { password: 'client-Secret-2' });
    assert.deepEqual([phone.agent_id, phone.mode, phone.contact, phone.has_password], ['1001', 'registration', null, true]);
    assert.deepEqual(await client.agents.getPhone('1001'), phone);
    const desk = await client.agents.setPhone('1001', { contact: 'sip:1001@127.0.0.1:5062' });
    assert.deepEqual([desk.mode, desk.contact, desk.has_password], ['contact', 'sip:1001@127.0.0.1:5062', false]);
    await client.agents.removePhone('1001');
    await assert.rejects(client.agents.getPhone('1001'), (e: unknown) => e instanceof PacerApiError && e.code === 'AGENT_PHONE_NOT_FOUND' && e.status === 404);
    await assert.rejects(client.agents.setPhone('9999', { password: 'client-Secret-3' }), (e: unknown) => e instanceof PacerApiError && e.code === 'AGENT_NOT_FOUND');
  } finally {
    await p.close();
  }
});

test('the event iterator resumes after a dropped connection without a gap or a repeat', async () => {
  const p = await testPacer('pglite');
  try {
    await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}`;
    // A fetch that cuts the first stream after its first event, as a flaky network would.
    let streams = 0;
    const flaky: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).includes('/v1/events/stream') || streams++ > 0 || !response.body) return response;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const cut = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { value, done } = await reader.read();
          if (done) return controller.close();
          text += decoder.decode(value, { stream: true });
          const first = text.indexOf('id: ');
          const end = first >= 0 ? text.indexOf('\n\n', first) : -1;
          if (end < 0) return;
          // Pass exactly the first event on, then drop the connection.
          controller.enqueue(new TextEncoder().encode(text.slice(0, end + 2)));
          await reader.cancel();
          controller.error(new Error('connection reset'));
        },
      });
      return new Response(cut, { status: response.status, headers: response.headers });
    };
    const client = new PacerClient({ baseUrl: base, token: TOKEN, fetch: flaky, sleep: () => Promise.resolve() });
    for (const agent of ['1001', '1002', '1003']) await client.agents.setStatus(agent, 'ready');
    const controller = new AbortController();
    const seen: PacerEvent[] = [];
    for await (const event of client.events.stream({ types: ['agent.state'], signal: controller.signal })) {
      seen.push(event);
      if (seen.length === 3) controller.abort();
    }
    assert.deepEqual(seen.map((e) => e.seq), [1, 2, 3]);
    assert.deepEqual(seen.map((e) => e.agent_id), ['1001', '1002', '1003']);
    assert.equal(streams, 2, 'the stream was reopened once');
  } finally {
    await p.close();
  }
});
