// The re-INVITEs that connect, hold and mute a bridged call (src/adapters/telephony/sip/media-paths.ts),
// against dialogs that record what they are offered and answer when the test says so: which leg is
// offered what, and in which order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dialog, OfferResult } from '../src/adapters/telephony/sip/dialog.ts';
import { connect, pathsOf, setPaths, type Legs } from '../src/adapters/telephony/sip/media-paths.ts';
import { blackHole, directionOf, mediaEndpoints, setDirection } from '../src/adapters/telephony/sip/sdp.ts';

const sdp = (address: string, port: number, direction = 'sendrecv') => [
  'v=0', `o=peer 1 1 IN IP4 ${address}`, 's=-', `c=IN IP4 ${address}`, 't=0 0',
  `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', `a=${direction}`, '',
].join('\r\n');
const PHONE = sdp('127.0.0.21', 40000);
const CUSTOMER = sdp('127.0.0.22', 50000);

/** A dialog whose offers wait until `answer` is called (in order); each offer is kept. */
function peer() {
  const offers: string[] = [];
  const pending: ((result: OfferResult) => void)[] = [];
  const dialog = {
    offer(offered: string) {
      offers.push(offered);
      return new Promise<OfferResult>((resolve) => pending.push(resolve));
    },
  } as unknown as Dialog;
  return {
    dialog, offers,
    /** Answers the oldest offer not answered yet. */
    answer(result: OfferResult) {
      const next = pending.shift();
      assert.ok(next, 'an offer to answer');
      next(result);
    },
  };
}
const where = (offered: string | undefined) => mediaEndpoints(offered ?? '').map((m) => `${m.address}:${m.port}`).join(' ');
const turn = () => new Promise((resolve) => setImmediate(resolve));

function legs() {
  const phone = peer();
  const customer = peer();
  const both: Legs = { agent: { dialog: phone.dialog, phoneSdp: PHONE }, customer: customer.dialog, customerSdp: CUSTOMER };
  return { phone, customer, both };
}

test('connect: a customer given a black hole is offered the phone in the same round trip as the phone is offered the customer', async () => {
  const { phone, customer, both } = legs();
  const done = connect(both, blackHole(PHONE));
  await turn();
  assert.deepEqual([phone.offers.length, customer.offers.length], [1, 1], 'both offers out before either answered');
  assert.deepEqual([where(phone.offers[0]), directionOf(phone.offers[0]!)], ['127.0.0.22:50000', 'sendrecv']);
  assert.deepEqual([where(customer.offers[0]), directionOf(customer.offers[0]!)], ['127.0.0.21:40000', 'sendrecv']);
  customer.answer({ ok: true, sdp: CUSTOMER });
  phone.answer({ ok: true, sdp: PHONE });
  assert.equal(await done, true);
  assert.deepEqual([phone.offers.length, customer.offers.length], [1, 1], 'nothing moved: no more offers');
});

test('connect: a customer that has the phone sendrecv already (a call placed for the agent) is not offered again', async () => {
  const { phone, customer, both } = legs();
  const done = connect(both, setDirection(PHONE, 'sendrecv'));
  await turn();
  phone.answer({ ok: true, sdp: PHONE });
  assert.equal(await done, true);
  assert.deepEqual([phone.offers.length, customer.offers.length], [1, 0]);
});

test('connect: a phone that answers from another port is given to the customer again; a customer that moved, to the phone', async () => {
  const moved = legs();
  const movedDone = connect(moved.both, blackHole(PHONE));
  await turn();
  moved.customer.answer({ ok: true, sdp: CUSTOMER });
  moved.phone.answer({ ok: true, sdp: sdp('127.0.0.21', 40002) });
  await turn();
  assert.equal(where(moved.customer.offers[1]), '127.0.0.21:40002', 'the customer is offered where the phone now is');
  moved.customer.answer({ ok: true, sdp: CUSTOMER });
  assert.equal(await movedDone, true);
  assert.equal(moved.both.agent.phoneSdp.includes('40002'), true);

  const away = legs();
  const awayDone = connect(away.both, blackHole(PHONE));
  await turn();
  away.customer.answer({ ok: true, sdp: sdp('127.0.0.22', 50010) });
  away.phone.answer({ ok: true, sdp: PHONE });
  await turn();
  assert.equal(where(away.phone.offers[1]), '127.0.0.22:50010', 'the phone is offered where the customer now is');
  away.phone.answer({ ok: true, sdp: PHONE });
  assert.equal(await awayDone, true);
  assert.equal(away.customer.offers.length, 1);
});

test('connect: a leg that refuses fails the bridge', async () => {
  const refused = legs();
  const done = connect(refused.both, blackHole(PHONE));
  await turn();
  refused.customer.answer({ ok: true, sdp: CUSTOMER });
  refused.phone.answer({ ok: false, status: 488, ended: false });
  assert.equal(await done, false);
  const gone = legs();
  const goneDone = connect(gone.both, blackHole(PHONE));
  await turn();
  gone.customer.answer({ ok: false, status: null, ended: true });
  gone.phone.answer({ ok: true, sdp: PHONE });
  assert.equal(await goneDone, false);
});

test('setPaths: hold, mute and talking offer each leg the direction RFC 3264 asks, at once', async () => {
  for (const [state, customerDirection, agentDirection] of [
    [{ held: true, muted: false }, 'sendonly', 'inactive'],
    [{ held: false, muted: true }, 'recvonly', 'sendonly'],
    [{ held: false, muted: false }, 'sendrecv', 'sendrecv'],
  ] as const) {
    const { phone, customer, both } = legs();
    const done = setPaths(both, pathsOf(state));
    await turn();
    assert.deepEqual([directionOf(customer.offers[0]!), where(customer.offers[0])], [customerDirection, '127.0.0.21:40000']);
    assert.deepEqual([directionOf(phone.offers[0]!), where(phone.offers[0])], [agentDirection, '127.0.0.22:50000']);
    customer.answer({ ok: true, sdp: CUSTOMER });
    phone.answer({ ok: true, sdp: PHONE });
    assert.equal(await done, true);
  }
});
