// The client as a console session, from Node (the browser console uses the same code): sign in
// with a user's name and password, act with the session cookie and its CSRF token (the client
// keeps both), read the agent's own event stream, be refused what the role may not do, be told how
// long a lock lasts, sign out. GET /v1/events/latest gives the log's end, to stream from now on.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { PacerApiError, PacerClient } from '../packages/client/src/index.ts';
import { stopSharedEmbedded } from './support/stores.ts';
import { testPacer, TOKEN } from './support/pacer.ts';

after(stopSharedEmbedded);

const refusal = (code: string, status?: number) => (e: unknown) => e instanceof PacerApiError && e.code === code && (status === undefined || e.status === status);

test('a client made without a token signs in, acts as its user with the CSRF token, streams its own events and signs out', async () => {
  const p = await testPacer('pglite');
  try {
    await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}`;
    const admin = new PacerClient({ baseUrl, token: TOKEN });
    await admin.users.create({ username: 'ana', password: 'correct horse', role: 'agent', agent_id: '1001' });
    await admin.users.create({ username: 'bruno', password: 'battery staple', role: 'agent', agent_id: '1002' });
    assert.throws(() => new PacerClient({ baseUrl, token: '' }), TypeError, 'an empty token is a mistake, not a session');

    const signedIn = new PacerClient({ baseUrl });
    assert.equal(await signedIn.session.current(), undefined, 'not signed in yet');
    await assert.rejects(signedIn.agents.get('1001'), refusal('TOKEN_MISSING'));
    await assert.rejects(signedIn.session.signIn('ana', 'wrong horse'), refusal('SIGN_IN_FAILED', 401));

    const session = await signedIn.session.signIn('ana', 'correct horse');
    assert.deepEqual([session.user.username, session.user.role, session.user.agent_id, session.user.operation_id], ['ana', 'agent', '1001', '0001']);
    assert.equal((await signedIn.agents.setStatus('1001', 'ready')).agent.state, 'ready', 'a change carries the CSRF token');
    await assert.rejects(signedIn.agents.setStatus('1002', 'ready'), refusal('ROLE_FORBIDDEN', 403), 'an agent acts on itself only');
    assert.equal((await signedIn.session.current())?.csrf_token, session.csrf_token);

    // Another client, sharing nothing, finds no session: the cookie is this client's.
    assert.equal(await new PacerClient({ baseUrl }).session.current(), undefined);

    // The log's end (what the console opens its stream after): the last event of the operation.
    const { seq } = await signedIn.events.latest();
    const log = await admin.events.list({ limit: 500 });
    assert.equal(seq, log.data.at(-1)?.seq);
    assert.ok(seq > 0);
    await signedIn.agents.setStatus('1001', 2);
    const stop = new AbortController();
    for await (const event of signedIn.events.stream({ after: seq, signal: stop.signal })) {
      assert.deepEqual([event.type, event.agent_id, event.data.from, event.data.to], ['agent.state', '1001', 'ready', 'aux:2'],
        'a stream opened after the end shows what happened since (not the earlier "ready"), and only the session\'s own agent\'s events');
      stop.abort();
    }

    await signedIn.session.signOut();
    assert.equal(await signedIn.session.current(), undefined);
    await assert.rejects(signedIn.agents.get('1001'), refusal('TOKEN_MISSING'), 'signed out: no cookie is sent any more');

    // A locked user: the refusal says how long to wait.
    for (let i = 0; i < 4; i++) await assert.rejects(signedIn.session.signIn('bruno', `guess ${i}`), refusal('SIGN_IN_FAILED'));
    await assert.rejects(signedIn.session.signIn('bruno', 'guess 5'), (e: unknown) => refusal('SIGN_IN_LOCKED', 429)(e) && (e as PacerApiError).retryAfterS === 900);
  } finally {
    await p.close();
  }
});
