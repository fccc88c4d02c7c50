// Users and console sign-in: passwords never shown, the session cookie (HttpOnly, SameSite=Strict)
// with a CSRF token for every change, the user's role on every request, guessing slowed per user and
// per address, idle expiry on the virtual clock, sign-out, and a changed or deleted user's sessions
// ending.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const ADMIN = 'admin-token-for-tests-0001';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function asAdmin(p: TestPacer, method: Method, url: string, payload?: Record<string, unknown>) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${TOKEN}` }, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, body: r.body, json: r.json as Record<string, any> };
}

interface Session { cookie: string; csrf: string }

async function signIn(p: TestPacer, username: string, password: string, extra: Record<string, unknown> = {}, address = '127.0.0.1') {
  const r = await p.call({ method: 'POST', url: '/v1/session', payload: { username, password, ...extra }, remoteAddress: address });
  const setCookie = String(r.headers['set-cookie'] ?? '');
  const session: Session = { cookie: setCookie.split(';')[0] ?? '', csrf: String((r.json as Record<string, any>).csrf_token) };
  return { status: r.statusCode, json: r.json as Record<string, any>, setCookie, session, retryAfter: r.headers['retry-after'] };
}

async function withSession(p: TestPacer, s: Session, method: Method, url: string, payload?: Record<string, unknown>, csrf: string | null = s.csrf) {
  const r = await p.call({
    method, url, headers: { cookie: s.cookie, ...(csrf === null ? {} : { 'x-csrf-token': csrf }) }, ...(payload ? { payload } : {}),
  });
  return { status: r.statusCode, body: r.body, json: r.json as Record<string, any>, headers: r.headers };
}

const code = (r: { json: Record<string, any> }) => r.json.error?.code as string | undefined;

for (const { kind, skip } of await storeKinds()) {
  describe(`users and sessions on ${kind}`, { skip }, () => {
    test('users are made by admins, never show their password, and sign in to a session that carries their role', async () => {
      const p = await testPacer(kind);
      try {
        const ana = await asAdmin(p, 'POST', '/v1/users', { username: 'ana', password: 'correct horse', role: 'agent', agent_id: '1001' });
        assert.equal(ana.status, 201, ana.body);
        assert.deepEqual([ana.json.username, ana.json.role, ana.json.agent_id], ['ana', 'agent', '1001']);
        const sup = await asAdmin(p, 'POST', '/v1/users', { username: 'Sofia', password: 'battery staple', role: 'supervisor' });
        assert.equal(sup.status, 201, sup.body);
        assert.equal((await asAdmin(p, 'POST', '/v1/users', { username: 'SOFIA', password: 'whatever1', role: 'supervisor' })).status, 409, 'names are unique in any case');
        assert.equal((await asAdmin(p, 'POST', '/v1/users', { username: 'x', password: 'short', role: 'admin' })).status, 400);
        assert.equal((await asAdmin(p, 'POST', '/v1/users', { username: 'y', password: 'long enough', role: 'agent' })).status, 400, 'an agent user names its agent');
        const everything = [ana.body, sup.body, (await asAdmin(p, 'GET', '/v1/users')).body, (await asAdmin(p, 'GET', `/v1/users/${String(ana.json.id)}`)).body,
          (await asAdmin(p, 'GET', '/v1/events?limit=500')).body].join('\n');
        assert.ok(!/correct horse|battery staple|scrypt/.test(everything), 'no password or hash in any answer or event');

        const signedIn = await signIn(p, 'ana', 'correct horse');
        assert.equal(signedIn.status, 200);
        assert.match(signedIn.setCookie, /^pacer_session=[\w-]{20,}; Path=\/; HttpOnly; SameSite=Strict$/, 'no Secure over plain http');
        assert.deepEqual([signedIn.json.user.username, signedIn.json.user.operation_id, signedIn.json.user.role], ['ana', '0001', 'agent']);
        const s = signedIn.session;
        const me = await withSession(p, s, 'GET', '/v1/session');
        assert.deepEqual([me.status, me.json.user.username, me.json.csrf_token], [200, 'ana', s.csrf]);

        // The session acts with the user's role, and a change needs its CSRF token.
        assert.equal((await withSession(p, s, 'GET', '/v1/agents/1001')).status, 200);
        const forged = await withSession(p, s, 'POST', '/v1/agents/1001/status', { status: 'ready' }, null);
        assert.deepEqual([forged.status, code(forged)], [403, 'CSRF_FAILED']);
        const wrong = await withSession(p, s, 'POST', '/v1/agents/1001/status', { status: 'ready' }, 'not-the-token');
        assert.equal(code(wrong), 'CSRF_FAILED');
        assert.equal((await withSession(p, s, 'POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
        assert.equal(code(await withSession(p, s, 'POST', '/v1/agents/1002/status', { status: 'ready' })), 'ROLE_FORBIDDEN');
        assert.equal(code(await withSession(p, s, 'POST', '/v1/users', { username: 'z', password: 'long enough', role: 'admin' })), 'ROLE_FORBIDDEN');
        const floor = (await signIn(p, 'sofia', 'battery staple')).session;
        assert.equal((await withSession(p, floor, 'POST', '/v1/agents/1002/status', { status: 'ready' })).status, 200, 'a supervisor acts on any agent');
        assert.equal(code(await withSession(p, floor, 'GET', '/v1/users')), 'ROLE_FORBIDDEN', 'users are the admin\'s');

        // Sign-out ends the session and clears the cookie.
        const out = await withSession(p, s, 'DELETE', '/v1/session');
        assert.equal(out.status, 204);
        assert.match(String(out.headers['set-cookie']), /^pacer_session=; .*Max-Age=0/);
        assert.equal(code(await withSession(p, s, 'GET', '/v1/agents/1001')), 'SESSION_INVALID');
        assert.equal((await withSession(p, s, 'GET', '/v1/session')).status, 401);
      } finally {
        await p.close();
      }
    });

    test('guessing is slowed per user and per address; the answer never says which was wrong', async () => {
      const p = await testPacer(kind);
      try {
        assert.equal((await asAdmin(p, 'POST', '/v1/users', { username: 'ana', password: 'correct horse', role: 'agent', agent_id: '1001' })).status, 201);
        const unknown = await signIn(p, 'nobody', 'whatever');
        const wrong = await signIn(p, 'ana', 'wrong guess');
        assert.deepEqual([unknown.status, unknown.json.error.message], [401, 'Wrong user or password']);
        assert.deepEqual([wrong.status, wrong.json.error.message], [401, 'Wrong user or password']);
        for (let i = 0; i < 3; i++) assert.equal((await signIn(p, 'ana', `guess ${i}`)).status, 401);
        const fifth = await signIn(p, 'ana', 'guess 4');
        assert.deepEqual([fifth.status, fifth.json.error.code, fifth.retryAfter], [429, 'SIGN_IN_LOCKED', '900']);
        assert.equal((await signIn(p, 'ana', 'correct horse')).status, 429, 'locked even with the right password');
        await p.clock.advance(15 * 60_000);
        assert.equal((await signIn(p, 'ana', 'correct horse')).status, 200, 'unlocked after 15 minutes');

        // One address trying many names: refused after 20 failures, whatever the names; others go on.
        for (let i = 0; i < 20; i++) assert.equal((await signIn(p, `user${i}`, 'guess', {}, '127.0.0.9')).status, 401);
        const blocked = await signIn(p, 'ana', 'correct horse', {}, '127.0.0.9');
        assert.deepEqual([blocked.status, blocked.json.error.code], [429, 'SIGN_IN_LOCKED']);
        assert.equal((await signIn(p, 'ana', 'correct horse', {}, '127.0.0.8')).status, 200);
      } finally {
        await p.close();
      }
    });

    test('a session ends when idle, and when its user is changed or deleted', async () => {
      const p = await testPacer(kind, { env: { PACER_SESSION_IDLE_MIN: '30' } });
      try {
        const ana = await asAdmin(p, 'POST', '/v1/users', { username: 'ana', password: 'correct horse', role: 'agent', agent_id: '1001' });
        let s = (await signIn(p, 'ana', 'correct horse')).session;
        await p.clock.advance(20 * 60_000);
        assert.equal((await withSession(p, s, 'GET', '/v1/agents/1001')).status, 200, 'used within 30 minutes: still live');
        await p.clock.advance(20 * 60_000);
        assert.equal((await withSession(p, s, 'GET', '/v1/agents/1001')).status, 200, 'each use keeps it live');
        await p.clock.advance(31 * 60_000);
        assert.equal(code(await withSession(p, s, 'GET', '/v1/agents/1001')), 'SESSION_INVALID', 'idle for 31 minutes: ended');

        s = (await signIn(p, 'ana', 'correct horse')).session;
        const changed = await asAdmin(p, 'PATCH', `/v1/users/${String(ana.json.id)}`, { password: 'a new secret' });
        assert.equal(changed.status, 200, changed.body);
        assert.equal(code(await withSession(p, s, 'GET', '/v1/agents/1001')), 'SESSION_INVALID', 'a new password ends the sessions');
        assert.equal((await signIn(p, 'ana', 'correct horse')).status, 401);
        s = (await signIn(p, 'ana', 'a new secret')).session;
        assert.equal((await asAdmin(p, 'DELETE', `/v1/users/${String(ana.json.id)}`)).status, 204);
        assert.equal(code(await withSession(p, s, 'GET', '/v1/agents/1001')), 'SESSION_INVALID', 'a deleted user\'s sessions end');
        assert.equal((await signIn(p, 'ana', 'a new secret')).status, 401);
      } finally {
        await p.close();
      }
    });

    test('a name used in two operations signs in with its operation', async () => {
      const p = await testPacer(kind, { env: { PACER_ADMIN_TOKEN: ADMIN } });
      try {
        const other = await p.call({ method: 'POST', url: '/v1/operations', headers: { authorization: `Bearer ${ADMIN}` }, payload: { id: '0002', name: 'B', time_zone: 'America/Bogota' } });
        const tokenB = String((other.json as Record<string, any>).token.token);
        assert.equal((await asAdmin(p, 'POST', '/v1/users', { username: 'lead', password: 'password A', role: 'supervisor' })).status, 201);
        const b = await p.call({ method: 'POST', url: '/v1/users', headers: { authorization: `Bearer ${tokenB}` }, payload: { username: 'lead', password: 'password B', role: 'supervisor' } });
        assert.equal(b.statusCode, 201, b.body);
        const ambiguous = await signIn(p, 'lead', 'password A');
        assert.deepEqual([ambiguous.status, ambiguous.json.error.code], [400, 'OPERATION_REQUIRED'], 'which operation?');
        const inB = await signIn(p, 'lead', 'password B', { operation: '0002' });
        assert.deepEqual([inB.status, inB.json.user.operation_id], [200, '0002']);
        assert.equal((await signIn(p, 'lead', 'password B', { operation: '0001' })).status, 401);
      } finally {
        await p.close();
      }
    });
  });
}
