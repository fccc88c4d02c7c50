// The dialog layer's time-driven behaviour on a virtual clock, over a stack with no network (the
// test plays the peer): ring timeout and CANCEL, a 200 crossing the CANCEL, ACKs of retransmitted
// 2xx, forks, digest, session timers (refresh and expiry), glare, our 2xx re-sent until ACK,
// requests inside and outside dialogs, DTMF. Nothing sleeps: time moves when the test says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DialogEnd } from '../src/adapters/telephony/sip/dialog.ts';
import type { InviteOutcome } from '../src/adapters/telephony/sip/invite.ts';
import type { SipRequest } from '../src/adapters/telephony/sip/message.ts';
import type { DialogTimers } from '../src/adapters/telephony/sip/timers.ts';
import { createUserAgent } from '../src/adapters/telephony/sip/user-agent.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';
import { fakeStack, type SentRequest } from './support/sipp/fake-stack.ts';

const START = Date.parse('2026-03-02T15:00:00Z');
const TARGET = 'sip:5551234@127.0.0.1:5080';
const sdp = (port: number, direction = 'sendrecv') =>
  `v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=${direction}\r\n`;
const contact = { contact: [{ uri: 'sip:cust@127.0.0.1:5080', params: {} }] };
/** Lets promise callbacks run (responses handled, awaits resumed) without moving time. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(timers: Partial<DialogTimers> = {}, fraction = () => 0) {
  const clock = virtualClock(START);
  const stack = fakeStack();
  const errors: unknown[] = [];
  const ua = createUserAgent({ stack, clock, timers, fraction, onError: (e) => errors.push(e) });
  return { clock, stack, ua, errors };
}
type Env = ReturnType<typeof setup>;

function only(env: Env, method: string, index = 0): SentRequest {
  const found = env.stack.sent(method)[index];
  assert.ok(found, `a ${method} #${index + 1} was sent (sent: ${env.stack.requests.map((r) => r.request.method).join(', ')})`);
  return found;
}

async function answered(env: Env, headers: Record<string, unknown> = {}) {
  const call = env.ua.invite({ target: TARGET, sdp: sdp(40000), ringTimeoutMs: 30_000 });
  const invite = only(env, 'INVITE');
  invite.respond(180, 'Ringing', { toTag: 'peer1' });
  invite.respond(200, 'OK', { toTag: 'peer1', content: sdp(50000), headers: { ...contact, ...headers } });
  const outcome = await call;
  assert.ok(outcome.result === 'answer');
  return { dialog: outcome.dialog, invite: invite.request };
}

/** A request the peer sends inside the dialog that `invite` made. */
function fromPeer(invite: SipRequest, method: string, seq: number, extras: { content?: string; headers?: Record<string, unknown> } = {}): SipRequest {
  const request: SipRequest = {
    method, uri: 'sip:pacer@127.0.0.10:5060',
    headers: {
      via: [{ version: '2.0', protocol: 'UDP', host: '127.0.0.1', port: 5080, params: { branch: `z9hG4bKpeer${method}${seq}` } }],
      from: { uri: 'sip:cust@127.0.0.1:5080', params: { tag: 'peer1' } },
      to: invite.headers.from,
      'call-id': invite.headers['call-id'],
      cseq: { seq, method },
      ...extras.headers,
    },
  };
  if (extras.content !== undefined) {
    request.content = extras.content;
    request.headers['content-type'] = 'application/sdp';
  }
  return request;
}

const statuses = (env: Env) => env.stack.responses.map((r) => `${r.status} ${r.headers.cseq.method}`);

test('ring timeout: CANCEL goes out at the timeout once a provisional came, with the INVITE Via and CSeq; 487 is no-answer', async () => {
  const env = setup();
  const call = env.ua.invite({ target: TARGET, sdp: sdp(40000), ringTimeoutMs: 20_000 });
  const invite = only(env, 'INVITE');
  invite.respond(180, 'Ringing', { toTag: 'peer1' });
  await env.clock.advance(19_999);
  assert.equal(env.stack.sent('CANCEL').length, 0);
  await env.clock.advance(1);
  const cancel = only(env, 'CANCEL').request;
  assert.deepEqual(cancel.headers.via, invite.request.headers.via.slice(0, 1), 'the same top Via, branch included');
  assert.deepEqual(cancel.headers.cseq, { seq: invite.request.headers.cseq.seq, method: 'CANCEL' });
  assert.equal(cancel.uri, invite.request.uri);
  assert.equal(cancel.headers.to.params.tag, undefined, 'To as in the INVITE, no tag');
  only(env, 'CANCEL').respond(200, 'OK');
  invite.respond(487, 'Request Terminated', { toTag: 'peer1' });
  assert.deepEqual(await call, { result: 'no-answer', status: 487, reason: 'Request Terminated' });
});

test('ring timeout before any provisional: no CANCEL yet; the first provisional gets one at once', async () => {
  const env = setup();
  const call = env.ua.invite({ target: TARGET, sdp: sdp(40000), ringTimeoutMs: 1000 });
  await env.clock.advance(1500);
  assert.equal(env.stack.sent('CANCEL').length, 0, 'RFC 3261 §9.1: no CANCEL before a provisional');
  only(env, 'INVITE').respond(100, 'Trying');
  assert.equal(env.stack.sent('CANCEL').length, 1);
  only(env, 'INVITE').respond(487, 'Request Terminated', { toTag: 'p' });
  assert.equal((await call).result, 'no-answer');
});

test('no response at all: the attempt fails at the no-response wait and never sends a CANCEL', async () => {
  const env = setup({ noResponseMs: 3000 });
  let outcome: InviteOutcome | undefined;
  void env.ua.invite({ target: TARGET, sdp: sdp(40000), ringTimeoutMs: 60_000 }).then((o) => { outcome = o; });
  await env.clock.advance(2999);
  await settle();
  assert.equal(outcome, undefined);
  await env.clock.advance(1);
  await settle();
  assert.deepEqual(outcome, { result: 'failed', status: null, reason: 'no response in 3000 ms' });
  assert.equal(env.stack.sent('CANCEL').length, 0);
  assert.equal(env.clock.pending(), 0, 'no timer left behind');
});

test('a peer that wakes up after Pacer gave up: its provisional gets a CANCEL, its 200 an ACK and a BYE', async () => {
  const env = setup({ noResponseMs: 3000 });
  const call = env.ua.invite({ target: TARGET, sdp: sdp(40000), ringTimeoutMs: 60_000 });
  await env.clock.advance(3000);
  assert.equal((await call).result, 'failed');
  only(env, 'INVITE').respond(180, 'Ringing', { toTag: 'late' });
  assert.equal(env.stack.sent('CANCEL').length, 1);
  only(env, 'INVITE').respond(200, 'OK', { toTag: 'late', content: sdp(50000), headers: contact });
  assert.equal(env.stack.sent('ACK').length, 1);
  assert.equal(env.stack.sent('BYE').length, 1);
});

test('after a CANCEL with no final response, the attempt ends as no-answer at the cancel wait', async () => {
  const env = setup({ cancelWaitMs: 4000 });
  let outcome: InviteOutcome | undefined;
  void env.ua.invite({ target: TARGET, sdp: sdp(40000), ringTimeoutMs: 1000 }).then((o) => { outcome = o; });
  only(env, 'INVITE').respond(180, 'Ringing', { toTag: 'p' });
  await env.clock.advance(1000);
  assert.equal(env.stack.sent('CANCEL').length, 1);
  await env.clock.advance(3999);
  await settle();
  assert.equal(outcome, undefined);
  await env.clock.advance(1);
  await settle();
  assert.deepEqual(outcome, { result: 'no-answer', status: null, reason: 'cancelled after the ring timeout; no final response came' });
});

test('a 200 crossing the CANCEL: ACK with the INVITE CSeq, then BYE; the result is no-answer', async () => {
  const env = setup();
  const call = env.ua.invite({ target: TARGET, sdp: sdp(40000), ringTimeoutMs: 1000 });
  const invite = only(env, 'INVITE');
  invite.respond(180, 'Ringing', { toTag: 'p' });
  await env.clock.advance(1000);
  assert.equal(env.stack.sent('CANCEL').length, 1);
  invite.respond(200, 'OK', { toTag: 'p', content: sdp(50000), headers: contact });
  const outcome = await call;
  assert.equal(outcome.result, 'no-answer');
  const ack = only(env, 'ACK').request;
  assert.deepEqual(ack.headers.cseq, { seq: invite.request.headers.cseq.seq, method: 'ACK' });
  assert.equal(ack.uri, 'sip:cust@127.0.0.1:5080', 'to the Contact of the 200');
  const bye = only(env, 'BYE');
  assert.deepEqual(bye.request.headers.cseq, { seq: invite.request.headers.cseq.seq + 1, method: 'BYE' });
  assert.equal(bye.request.headers.to.params.tag, 'p');
  bye.respond(200, 'OK');
  await settle();
  assert.equal(env.ua.dialogs().length, 0);
});

test('each retransmitted 2xx gets the same ACK again; a 2xx of another fork gets ACK and BYE', async () => {
  const env = setup();
  const { dialog, invite } = await answered(env);
  const sent = only(env, 'INVITE');
  const firstAck = only(env, 'ACK').request;
  sent.respond(200, 'OK', { toTag: 'peer1', content: sdp(50000), headers: contact });
  sent.respond(200, 'OK', { toTag: 'peer1', content: sdp(50000), headers: contact });
  assert.equal(env.stack.sent('ACK').length, 3);
  assert.ok(env.stack.sent('ACK').every((a) => a.request === firstAck), 'the same ACK, same branch');
  assert.equal(firstAck.headers.via[0]?.params.branch === invite.headers.via[0]?.params.branch, false, 'an ACK for a 2xx is its own transaction');
  sent.respond(200, 'OK', { toTag: 'fork2', content: sdp(60000), headers: { contact: [{ uri: 'sip:fork2@127.0.0.1:5090', params: {} }] } });
  assert.equal(env.stack.sent('ACK').length, 4);
  const bye = only(env, 'BYE').request;
  assert.equal(bye.headers.to.params.tag, 'fork2');
  assert.equal(bye.uri, 'sip:fork2@127.0.0.1:5090');
  assert.equal(dialog.ended, null, 'the first answer keeps its dialog');
});

test('digest: a 407 is answered once with Proxy-Authorization and a new CSeq; a second challenge fails', async () => {
  const env = setup();
  const call = env.ua.invite({ target: TARGET, sdp: sdp(40000), ringTimeoutMs: 30_000, credentials: { user: 'acme', password: 'pw' } });
  only(env, 'INVITE').respond(407, 'Proxy Authentication Required', { toTag: 't', headers: { 'proxy-authenticate': [{ scheme: 'Digest', realm: '"sbc"', nonce: '"n1"' }] } });
  const second = only(env, 'INVITE', 1).request;
  assert.equal(second.headers.cseq.seq, 2);
  assert.equal(second.headers['call-id'], only(env, 'INVITE').request.headers['call-id']);
  assert.equal(second.headers.from.params.tag, only(env, 'INVITE').request.headers.from.params.tag);
  const [signature] = second.headers['proxy-authorization'] as Record<string, string>[];
  assert.equal(signature?.username, '"acme"');
  assert.equal(signature?.realm, '"sbc"');
  assert.match(signature?.response ?? '', /^"[0-9a-f]{32}"$/);
  only(env, 'INVITE', 1).respond(407, 'Proxy Authentication Required', { toTag: 't', headers: { 'proxy-authenticate': [{ scheme: 'Digest', realm: '"sbc"', nonce: '"n2"' }] } });
  assert.deepEqual(await call, { result: 'failed', status: 407, reason: 'Proxy Authentication Required' });
  assert.equal(env.stack.sent('INVITE').length, 2);
});

test('a challenge without credentials is a failed attempt', async () => {
  const env = setup();
  const call = env.ua.invite({ target: TARGET, sdp: sdp(40000), ringTimeoutMs: 30_000 });
  only(env, 'INVITE').respond(401, 'Unauthorized', { toTag: 't', headers: { 'www-authenticate': [{ scheme: 'Digest', realm: '"r"', nonce: '"n"' }] } });
  assert.deepEqual(await call, { result: 'failed', status: 401, reason: 'Unauthorized' });
});

test('session timer, Pacer refreshes: a re-INVITE with the same SDP at half the interval, again after each 2xx', async () => {
  const env = setup();
  const { dialog } = await answered(env, { 'session-expires': '120;refresher=uac', require: 'timer' });
  assert.deepEqual(dialog.sessionTimer, { intervalS: 120, weRefresh: true });
  await env.clock.advance(59_999);
  assert.equal(env.stack.sent('INVITE').length, 1);
  await env.clock.advance(1);
  const refresh = only(env, 'INVITE', 1);
  assert.equal(refresh.request.content, dialog.localSdp, 'the same description, the same o= version');
  assert.equal(refresh.request.headers['session-expires'], '120;refresher=uac');
  assert.deepEqual(refresh.request.headers.cseq, { seq: 2, method: 'INVITE' });
  refresh.respond(200, 'OK', { content: sdp(50000), headers: { ...contact, 'session-expires': '120;refresher=uac' } });
  await settle();
  assert.equal(only(env, 'ACK', 1).request.headers.cseq.seq, 2);
  await env.clock.advance(60_000);
  assert.equal(env.stack.sent('INVITE').length, 3, 'the next refresh half an interval after the last 2xx');
  assert.equal(dialog.ended, null);
});

test('session timer, the peer refreshes: BYE when no refresh came by the interval less min(32 s, a third); a refresh re-arms it', async () => {
  const env = setup();
  const { dialog, invite } = await answered(env, { 'session-expires': '120;refresher=uas', require: 'timer' });
  assert.deepEqual(dialog.sessionTimer, { intervalS: 120, weRefresh: false });
  const ended: DialogEnd[] = [];
  dialog.onEnd((reason) => ended.push(reason));
  await env.clock.advance(60_000);
  // The peer, UAC of its refresh, stays the refresher (refresher=uac in its own transaction).
  env.stack.deliver(fromPeer(invite, 'INVITE', 1, { content: sdp(50000), headers: { 'session-expires': '120;refresher=uac', supported: 'timer' } }));
  const answer = env.stack.responses.at(-1)!;
  assert.equal(answer.status, 200);
  assert.equal(answer.content, dialog.localSdp, 'answered with our current description');
  assert.equal(answer.headers['session-expires'], '120;refresher=uac');
  assert.equal(answer.headers.require, 'timer');
  assert.deepEqual(dialog.sessionTimer, { intervalS: 120, weRefresh: false });
  env.stack.deliver({ ...fromPeer(invite, 'ACK', 1) });
  await env.clock.advance(87_999);
  assert.equal(env.stack.sent('BYE').length, 0, 'the refresh at 60 s moved the expiry to 148 s');
  await env.clock.advance(1);
  assert.equal(env.stack.sent('BYE').length, 1);
  assert.deepEqual(ended, ['session-expired']);
});

test('glare: a peer re-INVITE while ours is out gets 491; our 491 is retried after the random wait (2.1–4 s)', async () => {
  const env = setup({}, () => 0.5);
  const { dialog, invite } = await answered(env);
  const offer = dialog.offer(sdp(40000, 'sendonly'));
  await settle();
  const first = only(env, 'INVITE', 1);
  env.stack.deliver(fromPeer(invite, 'INVITE', 1, { content: sdp(50000) }));
  assert.deepEqual(statuses(env), ['491 INVITE']);
  first.respond(491, 'Request Pending');
  await settle();
  await env.clock.advance(3049);
  assert.equal(env.stack.sent('INVITE').length, 2, 'nothing before 2100 + 0.5 × 1900 ms');
  await env.clock.advance(1);
  const retry = only(env, 'INVITE', 2);
  assert.equal(retry.request.content, first.request.content, 'the same offer');
  assert.equal(retry.request.headers.cseq.seq, first.request.headers.cseq.seq + 1);
  retry.respond(200, 'OK', { content: sdp(50000, 'recvonly'), headers: contact });
  const result = await offer;
  assert.deepEqual(result, { ok: true, sdp: sdp(50000, 'recvonly') });
  assert.match(dialog.localSdp ?? '', /a=sendonly/);
});

test('our 2xx to a peer re-INVITE is re-sent (T1 doubling) until its ACK; without an ACK the dialog ends with BYE', async () => {
  const env = setup();
  const { dialog, invite } = await answered(env);
  env.stack.deliver(fromPeer(invite, 'INVITE', 1, { content: sdp(50000) }));
  assert.equal(env.stack.responses.length, 1);
  await env.clock.advance(500);
  assert.equal(env.stack.responses.length, 2);
  await env.clock.advance(1000);
  assert.equal(env.stack.responses.length, 3);
  env.stack.deliver(fromPeer(invite, 'ACK', 1));
  await env.clock.advance(10_000);
  assert.equal(env.stack.responses.length, 3, 'the ACK stopped the re-sends');

  env.stack.deliver(fromPeer(invite, 'INVITE', 2, { content: sdp(50000) }));
  await env.clock.advance(31_999);
  assert.equal(dialog.ended, null);
  // Sent at 0, re-sent at 0.5, 1.5, 3.5, 7.5 s, then every 4 s (T2): 11.5 … 31.5 s.
  const count = (): number => env.stack.responses.length;
  assert.equal(count() - 3, 11, 'the first 2xx and 10 re-sends, at most T2 apart');
  await env.clock.advance(1);
  assert.equal(dialog.ended, 'no-ack');
  assert.equal(env.stack.sent('BYE').length, 1);
});

test('a re-INVITE without an offer is answered with our description as the offer; the ACK brings the answer', async () => {
  const env = setup();
  const { dialog, invite } = await answered(env);
  const seen: string[] = [];
  dialog.onRemoteSdp((s) => seen.push(s));
  env.stack.deliver(fromPeer(invite, 'INVITE', 1));
  assert.equal(env.stack.responses[0]?.content, dialog.localSdp);
  env.stack.deliver(fromPeer(invite, 'ACK', 1, { content: sdp(51000) }));
  assert.deepEqual(seen, [sdp(51000)]);
  assert.equal(dialog.remoteSdp, sdp(51000));
});

test('in a dialog: OPTIONS, INFO, NOTIFY and UPDATE get 200, an old CSeq 500, an unknown method 405; BYE 200 and the end', async () => {
  const env = setup();
  const { dialog, invite } = await answered(env);
  env.stack.deliver(fromPeer(invite, 'OPTIONS', 1));
  env.stack.deliver(fromPeer(invite, 'INFO', 2));
  env.stack.deliver(fromPeer(invite, 'NOTIFY', 3));
  env.stack.deliver(fromPeer(invite, 'UPDATE', 4));
  env.stack.deliver(fromPeer(invite, 'INFO', 4));
  env.stack.deliver(fromPeer(invite, 'REFER', 5));
  env.stack.deliver(fromPeer(invite, 'BYE', 6));
  assert.deepEqual(statuses(env), ['200 OPTIONS', '200 INFO', '200 NOTIFY', '200 UPDATE', '500 INFO', '405 REFER', '200 BYE']);
  assert.equal(env.stack.responses[3]?.content, undefined, 'an UPDATE without an offer is answered without SDP');
  assert.equal(dialog.ended, 'remote-bye');
  assert.equal(env.ua.dialogs().length, 0);
  env.stack.deliver(fromPeer(invite, 'BYE', 7));
  assert.deepEqual(statuses(env).at(-1), '481 BYE', 'the dialog is gone');
  assert.equal(env.stack.sent('BYE').length, 0, 'Pacer sent no BYE of its own');
});

test('outside any dialog: INVITE 403 (no inbound calls), BYE/CANCEL and unknown dialogs 481, other methods 405, ACK nothing', async () => {
  const env = setup();
  const { invite } = await answered(env);
  const stranger = (method: string, toTag?: string): SipRequest => {
    const r = fromPeer(invite, method, 1);
    r.headers['call-id'] = 'someone-else';
    r.headers.to = { uri: 'sip:pacer@127.0.0.10', params: toTag ? { tag: toTag } : {} };
    return r;
  };
  for (const r of [stranger('INVITE'), stranger('BYE'), stranger('CANCEL'), stranger('OPTIONS'), stranger('MESSAGE'), stranger('REGISTER'), stranger('INFO', 'abc'), stranger('ACK')]) {
    env.stack.deliver(r);
  }
  assert.deepEqual(statuses(env), ['403 INVITE', '481 BYE', '481 CANCEL', '405 OPTIONS', '405 MESSAGE', '405 REGISTER', '481 INFO']);
  assert.equal(env.stack.requests.length, 2, 'nothing was sent on anyone\'s behalf (only our INVITE and ACK)');
});

test('DTMF: one INFO per tone, application/dtmf-relay, each after the previous one was answered; CSeq rises', async () => {
  const env = setup();
  const { dialog } = await answered(env);
  const sending = dialog.sendDtmf('1#', 200);
  await settle();
  assert.equal(env.stack.sent('INFO').length, 1);
  const first = only(env, 'INFO');
  assert.equal(first.request.content, 'Signal=1\r\nDuration=200\r\n');
  assert.equal(first.request.headers['content-type'], 'application/dtmf-relay');
  first.respond(200, 'OK');
  await settle();
  const second = only(env, 'INFO', 1);
  assert.equal(second.request.content, 'Signal=#\r\nDuration=200\r\n');
  assert.equal(second.request.headers.cseq.seq, first.request.headers.cseq.seq + 1);
  second.respond(200, 'OK');
  await sending;
});

test('a re-INVITE nobody answers ends the dialog (peer gone) at the no-response wait, with a BYE', async () => {
  const env = setup({ noResponseMs: 2000 });
  const { dialog } = await answered(env);
  const offer = dialog.offer(sdp(40000, 'sendonly'));
  await settle();
  await env.clock.advance(2000);
  assert.deepEqual(await offer, { ok: false, status: null, ended: true });
  assert.equal(dialog.ended, 'peer-gone');
  assert.equal(env.stack.sent('BYE').length, 1);
});

test('a refused re-INVITE (488) leaves the session as it was', async () => {
  const env = setup();
  const { dialog } = await answered(env);
  const before = dialog.localSdp;
  const offer = dialog.offer(sdp(40000, 'sendonly'));
  await settle();
  only(env, 'INVITE', 1).respond(488, 'Not Acceptable Here');
  assert.deepEqual(await offer, { ok: false, status: 488, ended: false });
  assert.equal(dialog.localSdp, before);
  assert.equal(dialog.ended, null);
});

test('a peer UPDATE with an offer (session refresh) is answered 200 with our current SDP, unchanged o= line', async () => {
  const env = setup();
  const { dialog, invite } = await answered(env);
  const ours = dialog.localSdp;
  env.stack.deliver(fromPeer(invite, 'UPDATE', 1, { content: sdp(50000), headers: { 'session-expires': '1800', supported: 'timer' } }));
  const answer = env.stack.responses.at(-1)!;
  assert.equal(answer.status, 200);
  assert.equal(answer.content, ours);
  assert.equal(answer.headers['session-expires'], '1800;refresher=uac');
  assert.deepEqual(dialog.sessionTimer, { intervalS: 1800, weRefresh: false }, 'the peer refreshes');
  await env.clock.advance(10_000);
  assert.equal(env.stack.responses.length, 1, 'an UPDATE waits for no ACK: nothing re-sent');
});

test('a peer that puts Pacer on hold (sendonly) is answered recvonly, with a new o= version', async () => {
  const env = setup();
  const { dialog, invite } = await answered(env);
  const version = (s: string | undefined) => Number(/^o=\S+ \S+ (\d+)/m.exec(s ?? '')?.[1]);
  const before = version(dialog.localSdp);
  env.stack.deliver(fromPeer(invite, 'INVITE', 1, { content: sdp(50000, 'sendonly') }));
  const answer = env.stack.responses.at(-1)!;
  assert.match(answer.content ?? '', /a=recvonly/);
  assert.equal(version(answer.content), before + 1);
  assert.equal(dialog.remoteSdp, sdp(50000, 'sendonly'));
});

test('the remote target follows the Contact of each 2xx; the route set is the Record-Route reversed', async () => {
  const env = setup();
  const { dialog } = await answered(env, {
    'record-route': [{ uri: 'sip:p2.example;lr', params: {} }, { uri: 'sip:p1.example;lr', params: {} }],
  });
  const offer = dialog.offer(sdp(40000, 'sendonly'));
  await settle();
  const reinvite = only(env, 'INVITE', 1).request;
  assert.equal(reinvite.uri, 'sip:cust@127.0.0.1:5080');
  assert.deepEqual(reinvite.headers.route?.map((r) => r.uri), ['sip:p1.example;lr', 'sip:p2.example;lr']);
  only(env, 'INVITE', 1).respond(200, 'OK', { content: sdp(50000), headers: { contact: [{ uri: 'sip:moved@127.0.0.1:5090', params: {} }] } });
  await offer;
  assert.equal(only(env, 'ACK', 1).request.uri, 'sip:moved@127.0.0.1:5090');
  const bye = dialog.bye();
  assert.equal(only(env, 'BYE').request.uri, 'sip:moved@127.0.0.1:5090');
  assert.deepEqual(only(env, 'BYE').request.headers.cseq, { seq: 3, method: 'BYE' });
  only(env, 'BYE').respond(200, 'OK');
  await bye;
});

test('the INVITE: caller id in From (display name quoted), our Contact, Supported timer and the Session-Expires asked for', () => {
  const env = setup({ sessionExpiresS: 900 });
  void env.ua.invite({ target: TARGET, from: { user: '+15550001111', display: 'Acme "Sales"' }, sdp: sdp(40000), ringTimeoutMs: 30_000, headers: { 'x-pacer-call': 'c1' } });
  const invite = only(env, 'INVITE').request;
  assert.equal(invite.headers.from.uri, 'sip:+15550001111@127.0.0.10');
  assert.equal(invite.headers.from.name, '"Acme \\"Sales\\""');
  assert.match(String(invite.headers.from.params.tag), /^[0-9a-f]{16}$/);
  assert.deepEqual(invite.headers.contact, [{ uri: 'sip:pacer@127.0.0.10:5060', params: {} }]);
  assert.equal(invite.headers.supported, 'timer');
  assert.equal(invite.headers['session-expires'], '900');
  assert.equal(invite.headers['x-pacer-call'], 'c1');
  assert.match(invite.content ?? '', /^o=pacer \d+ 1 IN IP4 127\.0\.0\.10\r?$/m);
});

test("the stack's own 503 for a re-INVITE (the peer's TCP connection is gone) ends the dialog at once, like silence", async () => {
  const env = setup();
  const { dialog } = await answered(env);
  const offer = dialog.offer(sdp(40000, 'sendonly'));
  await settle();
  only(env, 'INVITE', 1).respond(503, '', { local: true });
  assert.deepEqual(await offer, { ok: false, status: null, ended: true });
  assert.equal(dialog.ended, 'peer-gone');
});
