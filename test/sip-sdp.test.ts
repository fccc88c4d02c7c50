// The pure parts of the SIP layer: SDP re-stamping and directions, the result of each final
// response, the glare wait, session-timer arithmetic, trace redaction, DTMF bodies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dtmfRelayBody } from '../src/adapters/telephony/sip/dtmf.ts';
import { glareDelayMs } from '../src/adapters/telephony/sip/glare.ts';
import type { SipResponse } from '../src/adapters/telephony/sip/message.ts';
import { resultOfStatus } from '../src/adapters/telephony/sip/outcome.ts';
import { answerDirection, answerTo, blackHole, DISCARD_PORT, directionOf, keepMediaLines, mediaCount, mediaEndpoints, newOrigin, restamp, sameMedia, setDirection } from '../src/adapters/telephony/sip/sdp.ts';
import { expireAfterMs, readSessionExpires, refreshAfterMs, timerFromResponse } from '../src/adapters/telephony/sip/session-timer.ts';
import { redactCredentials } from '../src/adapters/telephony/sip/trace.ts';
import { remembered } from '../src/adapters/telephony/sip/remembered.ts';
import { parse, write } from 'sdp-transform';

const phone = (port: number, direction = 'sendrecv', origin = 'o=phone 4242 7 IN IP4 10.0.0.5') => [
  'v=0', origin, 's=-', 'c=IN IP4 10.0.0.5', 't=0 0',
  `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', `a=${direction}`, '',
].join('\r\n');
const withVideo = (port: number) => `${phone(port)}m=video ${port + 2} RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=sendrecv\r\n`;
const oLine = (sdp: string) => /^o=.*$/m.exec(sdp)?.[0];

test('restamp: our username, session id and address replace the peer origin; the version starts at 1', () => {
  const { sdp, origin } = restamp(newOrigin('pacer', '1700000000001', '192.0.2.10'), phone(30000));
  assert.equal(oLine(sdp), 'o=pacer 1700000000001 1 IN IP4 192.0.2.10');
  assert.equal(origin.version, 1);
  assert.match(sdp, /^m=audio 30000 RTP\/AVP 0 101$/m, 'the media is left as it was');
  assert.match(sdp, /^c=IN IP4 10\.0\.0\.5$/m);
});

test('restamp: the version rises by one for each change and stays for the same description', () => {
  let origin = newOrigin('pacer', '77', '192.0.2.10');
  const versions: number[] = [];
  for (const sdp of [phone(30000), phone(30000), phone(30000, 'sendonly'), phone(30000, 'sendonly'), phone(40000), phone(30000)]) {
    const stamped = restamp(origin, sdp);
    origin = stamped.origin;
    versions.push(Number(oLine(stamped.sdp)?.split(' ')[2]));
  }
  assert.deepEqual(versions, [1, 1, 2, 2, 3, 4]);
});

test('restamp: a different peer origin behind the same media is no change (the party behind Pacer swapped)', () => {
  const first = restamp(newOrigin('pacer', '77', '192.0.2.10'), phone(30000, 'sendrecv', 'o=agent1 1 1 IN IP4 10.0.0.5'));
  const second = restamp(first.origin, phone(30000, 'sendrecv', 'o=moh 99 5 IN IP4 10.0.0.5'));
  assert.equal(oLine(second.sdp), oLine(first.sdp));
});

test('restamp: an IPv6 address is stamped IP6', () => {
  assert.equal(oLine(restamp(newOrigin('pacer', '1', '2001:db8::1'), phone(30000)).sdp), 'o=pacer 1 1 IN IP6 2001:db8::1');
});

test('restamp writes what sdp-transform writes with the dialog\'s origin, IPv4 or IPv6, with or without a peer o= line', () => {
  const inputs = [phone(30000), withVideo(40000), phone(30000).replace(/^o=.*\r\n/m, ''), phone(1).replace(/\r\n/g, '\n')];
  for (const sdp of inputs) {
    for (const address of ['192.0.2.10', '2001:db8::1']) {
      const origin = newOrigin('pacer', '1700000000001', address);
      const expected = write({ ...parse(sdp), origin: { username: 'pacer', sessionId: '1700000000001', sessionVersion: 1, netType: 'IN', ipVer: address.includes(':') ? 6 : 4, address } });
      assert.equal(restamp(origin, sdp).sdp, expected);
    }
  }
});

test('remembered: a result is computed once per input while it stays among the last ones used', () => {
  let runs = 0;
  const upper = remembered((a: string, b: string) => { runs++; return `${a}${b}`.toUpperCase(); }, 2);
  assert.equal(upper('a', 'b'), 'AB');
  assert.equal(upper('a', 'b'), 'AB');
  assert.equal(runs, 1);
  assert.equal(upper('ab', ''), 'AB', 'the arguments, not their concatenation, are the key');
  assert.equal(runs, 2);
  upper('a', 'b'); // used again: the last out now
  upper('c', 'd'); // the third: 'ab','' goes
  assert.equal(runs, 3);
  upper('a', 'b');
  assert.equal(runs, 3);
  upper('ab', '');
  assert.equal(runs, 4);
});

test('setDirection: every active m-line gets the direction, a session-level one goes, a rejected line stays', () => {
  const sdp = `${phone(30000).replace('t=0 0\r\n', 't=0 0\r\na=sendonly\r\n')}m=video 0 RTP/AVP 96\r\n`;
  const out = setDirection(sdp, 'inactive');
  assert.equal(directionOf(out), 'inactive');
  assert.deepEqual(out.match(/^a=(sendrecv|sendonly|recvonly|inactive)$/gm), ['a=inactive']);
  assert.match(out, /^m=video 0 /m);
  for (const d of ['sendrecv', 'sendonly', 'recvonly', 'inactive'] as const) assert.equal(directionOf(setDirection(phone(1), d)), d);
});

test('blackHole: the same formats, inactive, at 0.0.0.0 on the discard port, with no RTCP or ICE target left', () => {
  const sdp = `${phone(30000).replace('a=sendrecv\r\n', 'a=rtcp:30001\r\na=candidate:1 1 UDP 2130706431 10.0.0.5 30000 typ host\r\na=sendrecv\r\n')}m=video 0 RTP/AVP 96\r\n`;
  const out = blackHole(sdp);
  assert.deepEqual(mediaEndpoints(out), [{ type: 'audio', address: '0.0.0.0', port: DISCARD_PORT }, { type: 'video', address: '0.0.0.0', port: 0 }]);
  assert.equal(directionOf(out), 'inactive');
  assert.match(out, /^a=rtpmap:0 PCMU\/8000$/m, 'the formats stay: a carrier offered it learns the codecs');
  assert.doesNotMatch(out, /10\.0\.0\.5 30000|a=rtcp:|a=candidate/, 'no address of the phone is left to send to');
  assert.ok(!/^c=IN IP4 10\.0\.0\.5/m.test(out));
  const six = blackHole(phone(30000).replace('c=IN IP4 10.0.0.5', 'c=IN IP6 2001:db8::5'));
  assert.deepEqual(mediaEndpoints(six), [{ type: 'audio', address: '::', port: DISCARD_PORT }]);
  assert.match(six, /^c=IN IP6 ::$/m);
});

test('directionOf: no direction attribute means sendrecv', () => {
  assert.equal(directionOf(phone(30000).replace('a=sendrecv\r\n', '')), 'sendrecv');
});

test('keepMediaLines: an offer keeps the m-line count of the session, dropped lines come back disabled', () => {
  const next = keepMediaLines(withVideo(30000), phone(40000));
  assert.equal(mediaCount(next), 2);
  assert.deepEqual(mediaEndpoints(next).map((m) => [m.type, m.port]), [['audio', 40000], ['video', 0]]);
  assert.equal(keepMediaLines(undefined, phone(1)), phone(1));
  assert.equal(keepMediaLines(phone(1), withVideo(2)), withVideo(2), 'adding lines is allowed');
});

test('answerTo: the answer has the offer m-line count and the direction both sides allow', () => {
  const ours = restamp(newOrigin('pacer', '5', '192.0.2.10'), phone(30000)).sdp;
  const answer = answerTo(withVideo(50000), ours);
  assert.deepEqual(mediaEndpoints(answer).map((m) => [m.type, m.port]), [['audio', 30000], ['video', 0]], 'the extra offered line rejected');
  assert.equal(directionOf(answerTo(phone(50000, 'sendonly'), ours)), 'recvonly', 'the peer holds us: we answer recvonly');
  assert.equal(directionOf(answerTo(phone(50000, 'inactive'), ours)), 'inactive');
  assert.equal(directionOf(answerTo(phone(50000, 'sendrecv'), ours)), 'sendrecv');
  assert.equal(answerTo(phone(50000), ours), ours, 'a refresh offer is answered with our description unchanged');
  const table = [
    ['sendrecv', 'sendrecv', 'sendrecv'], ['sendrecv', 'inactive', 'inactive'], ['sendonly', 'sendrecv', 'recvonly'],
    ['recvonly', 'sendrecv', 'sendonly'], ['sendonly', 'sendonly', 'inactive'], ['recvonly', 'recvonly', 'inactive'], ['inactive', 'sendrecv', 'inactive'],
  ] as const;
  for (const [offered, ourDirection, expected] of table) assert.equal(answerDirection(offered, ourDirection), expected, `${offered} / ${ourDirection}`);
});

test('mediaEndpoints and sameMedia read where media goes', () => {
  assert.deepEqual(mediaEndpoints(phone(30000)), [{ type: 'audio', address: '10.0.0.5', port: 30000 }]);
  assert.ok(sameMedia(phone(30000), phone(30000, 'inactive', 'o=x 1 9 IN IP4 1.2.3.4')), 'direction and origin are not media');
  assert.ok(!sameMedia(phone(30000), phone(30002)));
  assert.ok(!sameMedia(phone(30000), phone(30000).replace('c=IN IP4 10.0.0.5', 'c=IN IP4 10.0.0.6')));
});

test('the result of each final response', () => {
  const table: [number, string][] = [
    [200, 'answer'], [202, 'answer'], [486, 'busy'], [600, 'busy'], [408, 'no-answer'], [480, 'no-answer'], [487, 'no-answer'],
    [404, 'failed'], [484, 'failed'], [410, 'failed'], [604, 'failed'], [500, 'congestion'], [503, 'congestion'], [502, 'congestion'],
    [403, 'failed'], [401, 'failed'], [407, 'failed'], [488, 'failed'], [603, 'failed'], [302, 'failed'],
  ];
  for (const [status, result] of table) assert.equal(resultOfStatus(status), result, String(status));
});

test('glare: the Call-ID owner waits 2.1 to 4 s, the other side 0 to 2 s, in 10 ms steps', () => {
  assert.equal(glareDelayMs(true, 0), 2100);
  assert.equal(glareDelayMs(true, 0.999999), 4000);
  assert.equal(glareDelayMs(true, 0.5), 3050);
  assert.equal(glareDelayMs(false, 0), 0);
  assert.equal(glareDelayMs(false, 0.999999), 2000);
  for (let f = 0; f < 1; f += 0.0137) {
    const d = glareDelayMs(true, f);
    assert.ok(d >= 2100 && d <= 4000 && d % 10 === 0, String(d));
  }
});

test('session timers: Session-Expires read from a message, who refreshes, and when', () => {
  const response = (value: string | undefined) => ({ status: 200, reason: 'OK', headers: value === undefined ? {} : { 'session-expires': value } }) as unknown as SipResponse;
  assert.deepEqual(readSessionExpires(response('1800;refresher=uac')), { intervalS: 1800, refresher: 'uac' });
  assert.deepEqual(readSessionExpires(response(' 90 ; refresher = UAS')), { intervalS: 90, refresher: 'uas' });
  assert.deepEqual(readSessionExpires(response('600')), { intervalS: 600, refresher: null });
  assert.equal(readSessionExpires(response('soon')), null);
  assert.equal(readSessionExpires(response(undefined)), null);
  assert.deepEqual(readSessionExpires({ headers: { x: '300;refresher=uas' } } as unknown as SipResponse), { intervalS: 300, refresher: 'uas' }, 'compact form');
  assert.deepEqual(timerFromResponse(response('1800;refresher=uac'), true), { intervalS: 1800, weRefresh: true });
  assert.deepEqual(timerFromResponse(response('1800;refresher=uas'), true), { intervalS: 1800, weRefresh: false });
  assert.deepEqual(timerFromResponse(response('1800;refresher=uas'), false), { intervalS: 1800, weRefresh: true });
  assert.deepEqual(timerFromResponse(response('1800'), true), { intervalS: 1800, weRefresh: true }, 'no refresher: the UAC refreshes');
  assert.equal(timerFromResponse(response(undefined), true), null);
  assert.equal(refreshAfterMs({ intervalS: 1800, weRefresh: true }), 900_000);
  assert.equal(expireAfterMs({ intervalS: 1800, weRefresh: false }), 1_768_000, '32 s before the end');
  assert.equal(expireAfterMs({ intervalS: 90, weRefresh: false }), 60_000, 'a third before the end when that is less than 32 s');
});

test('traces: Authorization and Proxy-Authorization values are redacted, nothing else', () => {
  const wire = 'INVITE sip:a@b SIP/2.0\r\nAuthorization: Digest username="u", response="abc"\r\nproxy-authorization : Digest x\r\nX-Authorization-Note: kept\r\nCSeq: 2 INVITE\r\n\r\n';
  assert.equal(redactCredentials(wire), 'INVITE sip:a@b SIP/2.0\r\nAuthorization: <redacted>\r\nproxy-authorization: <redacted>\r\nX-Authorization-Note: kept\r\nCSeq: 2 INVITE\r\n\r\n');
});

test('DTMF by INFO: one application/dtmf-relay body per tone; anything else is refused', () => {
  assert.equal(dtmfRelayBody('5', 160), 'Signal=5\r\nDuration=160\r\n');
  assert.equal(dtmfRelayBody('#', 250), 'Signal=#\r\nDuration=250\r\n');
  assert.throws(() => dtmfRelayBody('x', 160), /not a DTMF tone/);
  assert.throws(() => dtmfRelayBody('12', 160), /not a DTMF tone/);
});
