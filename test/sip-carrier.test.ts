// Pacer's SIP user agent placing calls through sipp playing the carrier (customer side), on
// loopback: every outcome the dialer must tell apart, read from real SIP exchanges. Each sipp is
// bounded (-m 1, -timeout) and killed when its test ends; its exit code 0 says the exchange went
// exactly as its scenario expects, and its message trace is what it saw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PACER_HOST, freePort, once, sippSkip, startPacer, startSipp, testOffer, traceHeader, within, type Pacer, type SippPeer } from './support/sipp/peer.ts';
import type { DialogEnd } from '../src/adapters/telephony/sip/dialog.ts';

async function withPeers(scenario: string, options: { pauseMs?: number; transport?: 'udp' | 'tcp'; timers?: object }, run: (pacer: Pacer, peer: SippPeer) => Promise<void>) {
  const peer = await startSipp({ scenario, ...options });
  const pacer = await startPacer({ timers: options.timers ?? {} });
  try {
    await run(pacer, peer);
  } catch (error) {
    console.error(`sipp ${scenario}:`, peer.errors(), '\nPacer traces:\n', pacer.traces.join('\n'));
    throw error;
  } finally {
    peer.kill();
    await pacer.close();
  }
}

const invited = (peer: SippPeer) => peer.messages().filter((m) => m.direction === 'received');

test('a customer who answers: 180, 200 with SDP, our ACK; our BYE ends it and sipp passes its scenario', { skip: sippSkip }, async () => {
  await withPeers('phone_uas.xml', { pauseMs: 200 }, async (pacer, peer) => {
    const progress: number[] = [];
    const outcome = await within(10_000, 'the call', pacer.ua.invite({
      target: peer.uri('customer'), sdp: testOffer(40000), ringTimeoutMs: 5000, onProgress: (p) => progress.push(p.status),
    }));
    assert.equal(outcome.result, 'answer');
    assert.ok(outcome.result === 'answer');
    assert.deepEqual(progress, [180]);
    assert.match(outcome.sdp ?? '', new RegExp(`m=audio ${peer.mediaPort} RTP/AVP 0 101`), "the answer is the customer's media");
    assert.equal(pacer.ua.dialogs().length, 1);
    await within(3000, 'DTMF', outcome.dialog.sendDtmf('5'));
    const ended = once<DialogEnd>();
    outcome.dialog.onEnd(ended.listener);
    await within(3000, 'the BYE', outcome.dialog.bye());
    assert.equal(await ended.promise, 'local-bye');
    assert.equal(pacer.ua.dialogs().length, 0);
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, peer.errors());

    const seen = invited(peer);
    assert.deepEqual(seen.map((m) => m.first), ['INVITE', 'ACK', 'INFO', 'BYE']);
    const [invite, ack, info, bye] = seen;
    assert.equal(traceHeader(info!, 'Content-Type'), 'application/dtmf-relay');
    assert.match(info!.text, /^Signal=5\r?\nDuration=160$/m);
    assert.match(invite!.text, /^o=pacer \d+ 1 IN IP4 127\.0\.0\.10$/m, 'the offer carries our own o= line');
    assert.match(traceHeader(invite!, 'Contact') ?? '', /^<sip:pacer@127\.0\.0\.10:\d+>$/);
    assert.match(traceHeader(invite!, 'Supported') ?? '', /timer/);
    assert.equal(traceHeader(ack!, 'CSeq'), '1 ACK', 'the ACK reuses the INVITE CSeq');
    assert.equal(traceHeader(info!, 'CSeq'), '2 INFO');
    assert.equal(traceHeader(bye!, 'CSeq'), '3 BYE', 'each request takes the next CSeq of the dialog');
    assert.match(bye!.text, new RegExp(`^BYE sip:127\\.0\\.0\\.1:${peer.port};transport=UDP SIP/2.0`, 'mi'), 'sent to the remote target (the Contact of the 2xx)');
    assert.match(traceHeader(bye!, 'To') ?? '', /tag=/);
  });
});

test('a busy customer: 486 is the result busy, and the stack ACKs it', { skip: sippSkip }, async () => {
  await withPeers('busy_uas.xml', {}, async (pacer, peer) => {
    const outcome = await within(10_000, 'the call', pacer.ua.invite({ target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 5000 }));
    assert.deepEqual(outcome, { result: 'busy', status: 486, reason: 'Busy Here' });
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, peer.errors());
    assert.deepEqual(invited(peer).map((m) => m.first), ['INVITE', 'ACK']);
    assert.equal(pacer.ua.dialogs().length, 0);
  });
});

test('no answer: after the ring timeout a CANCEL goes out, 487 is the result no-answer', { skip: sippSkip }, async () => {
  await withPeers('noanswer_uas.xml', {}, async (pacer, peer) => {
    const started = Date.now();
    const outcome = await within(10_000, 'the call', pacer.ua.invite({ target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 600 }));
    assert.deepEqual(outcome, { result: 'no-answer', status: 487, reason: 'Request Terminated' });
    assert.ok(Date.now() - started >= 600, 'not before the ring timeout');
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, peer.errors());
    const seen = invited(peer);
    assert.deepEqual(seen.map((m) => m.first), ['INVITE', 'CANCEL', 'ACK']);
    const [invite, cancel] = seen;
    assert.equal(traceHeader(cancel!, 'Via'), traceHeader(invite!, 'Via'), 'the CANCEL carries the INVITE top Via, branch included');
    assert.equal(traceHeader(cancel!, 'CSeq'), `${traceHeader(invite!, 'CSeq')?.split(' ')[0]} CANCEL`);
  });
});

test('early media: 183 with SDP is reported with its SDP, then 200 answers', { skip: sippSkip }, async () => {
  await withPeers('early_media_uas.xml', { pauseMs: 300 }, async (pacer, peer) => {
    const progress: { status: number; sdp?: string }[] = [];
    const outcome = await within(10_000, 'the call', pacer.ua.invite({ target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 5000, onProgress: (p) => progress.push(p) }));
    assert.equal(outcome.result, 'answer');
    assert.deepEqual(progress.map((p) => p.status), [183], '100 Trying is not progress');
    assert.match(progress[0]?.sdp ?? '', new RegExp(`m=audio ${peer.mediaPort} `), 'the early media SDP');
    assert.ok(outcome.result === 'answer');
    await within(3000, 'the BYE', outcome.dialog.bye());
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, peer.errors());
  });
});

test('the customer hangs up: the peer BYE is answered 200 and reported', { skip: sippSkip }, async () => {
  await withPeers('hangup_uas.xml', { pauseMs: 300 }, async (pacer, peer) => {
    const outcome = await within(10_000, 'the call', pacer.ua.invite({ target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 5000 }));
    assert.ok(outcome.result === 'answer');
    const ended = once<DialogEnd>();
    outcome.dialog.onEnd(ended.listener);
    assert.equal(await within(5000, 'the customer BYE', ended.promise), 'remote-bye');
    assert.equal(outcome.dialog.ended, 'remote-bye');
    assert.equal(pacer.ua.dialogs().length, 0);
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, `sipp saw its BYE answered 200: ${peer.errors()}`);
    assert.ok(!pacer.traces.some((t) => /^SIP sent[^\n]*\nBYE /m.test(t)), 'Pacer sent no BYE of its own');
  });
});

test('digest: a 401 is answered once with a valid Authorization (sipp verifies it), and traces redact it', { skip: sippSkip }, async () => {
  await withPeers('auth_uas.xml', {}, async (pacer, peer) => {
    const outcome = await within(10_000, 'the call', pacer.ua.invite({
      target: peer.uri('5551234'), sdp: testOffer(40000), ringTimeoutMs: 5000, credentials: { user: 'trunk1', password: 's3cret' },
    }));
    assert.equal(outcome.result, 'answer', 'sipp answers only a valid digest response');
    assert.ok(outcome.result === 'answer');
    await within(3000, 'the BYE', outcome.dialog.bye());
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, peer.errors());
    const invites = invited(peer).filter((m) => m.first === 'INVITE');
    assert.equal(invites.length, 2);
    assert.equal(traceHeader(invites[0]!, 'Authorization'), undefined);
    const authorization = traceHeader(invites[1]!, 'Authorization') ?? '';
    assert.match(authorization, /^Digest /);
    for (const field of ['username="trunk1"', 'realm="carrier.test"', 'nonce="7c9e0a51d2f34b6a"', 'qop=auth', 'nc=00000001', 'response="[0-9a-f]{32}"', 'cnonce="[0-9a-f]+"', `uri="sip:5551234@127\\.0\\.0\\.1:${peer.port}"`]) {
      assert.match(authorization, new RegExp(field), field);
    }
    assert.equal(traceHeader(invites[1]!, 'CSeq'), '2 INVITE', 'a new CSeq for the authenticated INVITE');
    assert.equal(traceHeader(invites[1]!, 'Call-ID'), traceHeader(invites[0]!, 'Call-ID'));
    // The debug traces show that an Authorization went out, never its value.
    const sent = pacer.traces.filter((t) => /^SIP sent/.test(t) && /\nINVITE /.test(t));
    assert.equal(sent.length, 2);
    assert.match(sent[1]!, /^Authorization: <redacted>$/m);
    assert.ok(!pacer.traces.some((t) => t.includes('response=') || t.includes('trunk1')), 'no digest in any trace');
  });
});

test('wrong credentials: the second challenge (here a 403) ends the attempt as failed', { skip: sippSkip }, async () => {
  await withPeers('auth_uas.xml', {}, async (pacer, peer) => {
    const outcome = await within(10_000, 'the call', pacer.ua.invite({
      target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 5000, credentials: { user: 'trunk1', password: 'wrong' },
    }));
    assert.deepEqual(outcome, { result: 'failed', status: 403, reason: 'Forbidden' });
    assert.equal(invited(peer).filter((m) => m.first === 'INVITE').length, 2);
  });
});

test('a session refresh from the carrier: our 200 carries our current SDP (same o= version) and Session-Expires', { skip: sippSkip }, async () => {
  await withPeers('refresh_uas.xml', { pauseMs: 200 }, async (pacer, peer) => {
    const outcome = await within(10_000, 'the call', pacer.ua.invite({ target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 5000 }));
    assert.ok(outcome.result === 'answer');
    assert.deepEqual(outcome.dialog.sessionTimer, { intervalS: 90, weRefresh: false }, 'the carrier refreshes (refresher=uas)');
    await within(5000, 'the ACK of the refresh', pacer.trace(/^SIP received[^\n]*\nACK /m));
    await within(3000, 'the BYE', outcome.dialog.bye());
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, `sipp checks the 200 has SDP and Session-Expires: ${peer.errors()}`);
    const ours = peer.messages().filter((m) => m.direction === 'received' && m.first === 'INVITE')[0]!;
    const refreshAnswer = peer.messages().filter((m) => m.direction === 'received' && m.first === '200')[0]!;
    const origin = (text: string) => /^o=.*$/m.exec(text)?.[0];
    assert.equal(origin(refreshAnswer.text), origin(ours.text), 'unchanged SDP, unchanged o= line');
    assert.match(refreshAnswer.text, /^m=audio 40000 RTP\/AVP 0 101$/m);
    assert.match(traceHeader(refreshAnswer, 'Session-Expires') ?? '', /^90;refresher=uac$/);
    assert.equal(traceHeader(refreshAnswer, 'Require'), 'timer');
    assert.deepEqual(outcome.dialog.sessionTimer, { intervalS: 90, weRefresh: false }, 'the carrier is still the refresher');
  });
});

test('session timer, Pacer the refresher: it re-INVITEs at half the interval with the same SDP version', { skip: sippSkip }, async () => {
  await withPeers('timer_uas.xml', { pauseMs: 0 }, async (pacer, peer) => {
    const outcome = await within(10_000, 'the call', pacer.ua.invite({ target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 5000 }));
    assert.ok(outcome.result === 'answer');
    assert.deepEqual(outcome.dialog.sessionTimer, { intervalS: 2, weRefresh: true });
    const answeredAt = Date.now();
    await within(4000, 'the refresh', pacer.trace(/^SIP sent[^\n]*\nINVITE [\s\S]*^CSeq: 2 INVITE/m));
    const after = Date.now() - answeredAt;
    assert.ok(after >= 900 && after < 2000, `refreshed after ${after} ms, at half of 2 s`);
    await within(3000, 'the refresh answered', pacer.trace(/^SIP received[^\n]*\nSIP\/2\.0 200[\s\S]*^CSeq: 2 INVITE/m));
    await within(3000, 'the BYE', outcome.dialog.bye());
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, peer.errors());
    const invites = invited(peer).filter((m) => m.first === 'INVITE');
    const origin = (text: string) => /^o=.*$/m.exec(text)?.[0];
    assert.equal(origin(invites[1]!.text), origin(invites[0]!.text), 'the refresh offers the same SDP, same version');
    assert.match(traceHeader(invites[1]!, 'Session-Expires') ?? '', /^2;refresher=uac$/);
  });
});

test('a dead carrier (nothing listens) fails within the configured wait, not the stack 32 s', async () => {
  const pacer = await startPacer({ timers: { noResponseMs: 1500 } });
  try {
    const nobody = await freePort('127.0.0.1');
    const started = Date.now();
    const outcome = await within(4000, 'the call', pacer.ua.invite({ target: `sip:x@127.0.0.1:${nobody}`, sdp: testOffer(40000), ringTimeoutMs: 30_000 }));
    const took = Date.now() - started;
    assert.deepEqual(outcome, { result: 'failed', status: null, reason: 'no response in 1500 ms' });
    assert.ok(took >= 1400 && took < 3000, `gave up after ${took} ms`);
  } finally {
    await pacer.close();
  }
});

test('the default wait for a dead carrier is 4 s', async () => {
  const pacer = await startPacer();
  try {
    const nobody = await freePort('127.0.0.1');
    const started = Date.now();
    const outcome = await within(7000, 'the call', pacer.ua.invite({ target: `sip:x@127.0.0.1:${nobody}`, ringTimeoutMs: 30_000 }));
    assert.equal(outcome.result, 'failed');
    const took = Date.now() - started;
    assert.ok(took >= 3900 && took < 5500, `gave up after ${took} ms`);
  } finally {
    await pacer.close();
  }
});

test('a 200 that crosses the CANCEL is ACKed and hung up with BYE; the result stays no-answer', { skip: sippSkip }, async () => {
  await withPeers('cross_uas.xml', {}, async (pacer, peer) => {
    const outcome = await within(10_000, 'the call', pacer.ua.invite({ target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 400 }));
    assert.equal(outcome.result, 'no-answer');
    assert.equal(await within(5000, 'sipp exit', peer.exited), 0, `sipp got ACK and BYE: ${peer.errors()}`);
    assert.deepEqual(invited(peer).map((m) => m.first), ['INVITE', 'CANCEL', 'ACK', 'BYE']);
    assert.equal(pacer.ua.dialogs().length, 0);
  });
});

test('TCP: the same call over TCP (Contact and Via say TCP), re-INVITE and BYE in the dialog', { skip: sippSkip }, async () => {
  await withPeers('phone_uas.xml', { pauseMs: 0, transport: 'tcp' }, async (pacer, peer) => {
    const outcome = await within(10_000, 'the call', pacer.ua.invite({ target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 5000 }));
    assert.ok(outcome.result === 'answer');
    const held = await within(3000, 'hold', outcome.dialog.offer(testOffer(40000, 'sendonly')));
    assert.ok(held.ok);
    assert.match(held.sdp ?? '', /a=recvonly/);
    await within(3000, 'the BYE', outcome.dialog.bye());
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, peer.errors());
    const seen = invited(peer);
    assert.deepEqual(seen.map((m) => m.first), ['INVITE', 'ACK', 'INVITE', 'ACK', 'BYE']);
    assert.match(traceHeader(seen[0]!, 'Contact') ?? '', new RegExp(`^<sip:pacer@${PACER_HOST.replaceAll('.', '\\.')}:\\d+;transport=tcp>$`));
    assert.match(traceHeader(seen[0]!, 'Via') ?? '', /^SIP\/2\.0\/TCP /);
  });
});

test('a route set: requests in the dialog follow the Record-Route reversed (loose routing), to the Contact as Request-URI', { skip: sippSkip }, async () => {
  await withPeers('record_route_uas.xml', {}, async (pacer, peer) => {
    const outcome = await within(10_000, 'the call', pacer.ua.invite({ target: peer.uri(), sdp: testOffer(40000), ringTimeoutMs: 5000 }));
    assert.ok(outcome.result === 'answer');
    await within(3000, 'DTMF', outcome.dialog.sendDtmf('1'));
    await within(3000, 'the BYE', outcome.dialog.bye());
    assert.equal(await within(3000, 'sipp exit', peer.exited), 0, peer.errors());
    const seen = invited(peer);
    assert.deepEqual(seen.map((m) => m.first), ['INVITE', 'ACK', 'INFO', 'BYE']);
    for (const m of seen.slice(1)) {
      assert.match(m.text, /^[A-Z]+ sip:carrier@127\.0\.0\.3:5999 SIP\/2\.0/, 'the Request-URI is the remote target');
      assert.equal(traceHeader(m, 'Route')?.replace(/\s+/g, ''), `<sip:127.0.0.1:${peer.port};lr>,<sip:127.0.0.2:9;lr>`, 'the route set, Record-Route reversed');
    }
  });
});
