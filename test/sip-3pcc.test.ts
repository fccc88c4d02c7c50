// Third-party call control against two real peers on loopback: one sipp plays the agent's phone
// (it is called with no offer and offers its media in the 200), the other the customer. After the
// bridge each has been given the other's media address and port; hold and unhold send the
// directions RFC 3264 asks for; hanging up sends BYE on both legs. What each sipp saw is read from
// its own message trace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blackHole, DISCARD_PORT } from '../src/adapters/telephony/sip/sdp.ts';
import { connectCustomer, parkAgent } from '../src/adapters/telephony/sip/third-party-call.ts';
import { once, sippSkip, startPacer, startSipp, traceHeader, within, type TracedMessage } from './support/sipp/peer.ts';

const media = (m: TracedMessage) => /^m=audio (\d+) /m.exec(m.text)?.[1];
const connection = (m: TracedMessage) => /^c=IN IP4 (\S+)/m.exec(m.text)?.[1];
const direction = (m: TracedMessage) => /^a=(sendrecv|sendonly|recvonly|inactive)/m.exec(m.text)?.[1];
const origin = (m: TracedMessage) => /^o=(.*)$/m.exec(m.text)?.[1];

test('3PCC: agent parked, customer called with the agent media, bridged, held, unheld, hung up', { skip: sippSkip }, async () => {
  const agentPhone = await startSipp({ scenario: 'phone_uas.xml', pauseMs: 0 });
  const customerPhone = await startSipp({ scenario: 'phone_uas.xml', pauseMs: 300 });
  const pacer = await startPacer();
  try {
    const parked = await within(5000, 'the agent call', parkAgent(pacer.ua, { target: agentPhone.uri('1001'), ringTimeoutMs: 5000 }));
    assert.ok(parked.ok);
    const agent = parked.session;
    assert.match(agent.phoneSdp, new RegExp(`m=audio ${agentPhone.mediaPort} `), "offer A is the agent phone's media");
    assert.match(agent.dialog.localSdp ?? '', /a=inactive/, 'A answered parked');

    const connected = await within(5000, 'the customer call', connectCustomer(pacer.ua, agent, { target: customerPhone.uri('5551234'), ringTimeoutMs: 5000 }));
    assert.ok(connected.ok);
    const bridge = connected.bridge;
    assert.match(bridge.customerSdp, new RegExp(`m=audio ${customerPhone.mediaPort} `), "answer K is the customer's media");

    assert.equal(await within(5000, 'hold', bridge.hold()), true);
    assert.equal(bridge.held, true);
    assert.equal(await within(5000, 'unhold', bridge.unhold()), true);
    assert.equal(bridge.held, false);
    const legEnded: string[] = [];
    bridge.onLegEnded((leg) => legEnded.push(leg));
    await within(5000, 'hang up', bridge.hangUp());
    assert.deepEqual(legEnded, [], 'our own hang-up is not a leg ending on its own');
    assert.equal(pacer.ua.dialogs().length, 0);
    assert.equal(await within(3000, 'agent sipp exit', agentPhone.exited), 0, agentPhone.errors());
    assert.equal(await within(3000, 'customer sipp exit', customerPhone.exited), 0, customerPhone.errors());

    // The agent phone: INVITE without SDP, ACK with a black hole (parked), then the customer's media.
    const atAgent = agentPhone.messages().filter((m) => m.direction === 'received');
    assert.deepEqual(atAgent.map((m) => m.first), ['INVITE', 'ACK', 'INVITE', 'ACK', 'INVITE', 'ACK', 'INVITE', 'ACK', 'BYE']);
    const [invite, parkAck, bridged, , held, , unheld] = atAgent;
    assert.equal(media(invite!), undefined, 'delayed offer: no SDP in the first INVITE');
    assert.deepEqual([connection(parkAck!), media(parkAck!), direction(parkAck!)], ['0.0.0.0', String(DISCARD_PORT), 'inactive'],
      'parked: its own formats as a black hole, never its own address');
    assert.deepEqual([connection(bridged!), media(bridged!), direction(bridged!)], ['127.0.0.1', String(customerPhone.mediaPort), 'sendrecv'],
      "after the bridge the agent phone has the customer's address and port");
    assert.deepEqual([media(held!), direction(held!)], [String(customerPhone.mediaPort), 'inactive'], 'hold: the agent leg inactive');
    assert.deepEqual([media(unheld!), direction(unheld!)], [String(customerPhone.mediaPort), 'sendrecv'], 'unhold: sendrecv');
    // One origin for the whole dialog, its version one higher at each change.
    const versions = [parkAck, bridged, held, unheld].map((m) => origin(m!)?.split(' '));
    assert.equal(new Set(versions.map((v) => `${v?.[0]} ${v?.[1]}`)).size, 1, 'same username and session id');
    assert.deepEqual(versions.map((v) => Number(v?.[2])), [1, 2, 3, 4]);
    assert.deepEqual(atAgent.map((m) => traceHeader(m, 'CSeq')), ['1 INVITE', '1 ACK', '2 INVITE', '2 ACK', '3 INVITE', '3 ACK', '4 INVITE', '4 ACK', '5 BYE']);

    // The customer: INVITE with the agent's media, then hold (sendonly) and unhold; no re-INVITE
    // after the bridge, since the agent phone kept its media.
    const atCustomer = customerPhone.messages().filter((m) => m.direction === 'received');
    assert.deepEqual(atCustomer.map((m) => m.first), ['INVITE', 'ACK', 'INVITE', 'ACK', 'INVITE', 'ACK', 'BYE']);
    const [offer, , cHeld, , cUnheld] = atCustomer;
    assert.deepEqual([connection(offer!), media(offer!), direction(offer!)], ['127.0.0.1', String(agentPhone.mediaPort), 'sendrecv'],
      "the customer is offered the agent phone's address and port");
    assert.match(origin(offer!) ?? '', /^pacer \d+ 1 IN IP4 127\.0\.0\.10$/, "re-stamped: Pacer's origin, not the phone's");
    assert.deepEqual([media(cHeld!), direction(cHeld!)], [String(agentPhone.mediaPort), 'sendonly'], 'hold: the customer leg sendonly');
    assert.deepEqual([media(cUnheld!), direction(cUnheld!)], [String(agentPhone.mediaPort), 'sendrecv']);
    assert.notEqual(origin(offer!)?.split(' ')[1], origin(parkAck!)?.split(' ')[1], 'each dialog has its own session id');
  } finally {
    agentPhone.kill();
    customerPhone.kill();
    await pacer.close();
  }
});

test('3PCC: the customer hangs up; the bridge reports it, and the agent session is parked again and stays up', { skip: sippSkip }, async () => {
  const agentPhone = await startSipp({ scenario: 'phone_uas.xml', pauseMs: 0 });
  const customerPhone = await startSipp({ scenario: 'hangup_uas.xml', pauseMs: 300 });
  const pacer = await startPacer();
  try {
    const parked = await within(5000, 'the agent call', parkAgent(pacer.ua, { target: agentPhone.uri('1001'), ringTimeoutMs: 5000 }));
    assert.ok(parked.ok);
    const connected = await within(5000, 'the customer call', connectCustomer(pacer.ua, parked.session, { target: customerPhone.uri(), ringTimeoutMs: 5000 }));
    assert.ok(connected.ok);
    const ended = once<[string, string]>();
    connected.bridge.onLegEnded((leg, reason) => ended.listener([leg, reason]));
    assert.deepEqual(await within(5000, 'the customer BYE', ended.promise), ['customer', 'remote-bye']);
    assert.equal(await within(3000, 'customer sipp exit', customerPhone.exited), 0, customerPhone.errors());
    const parkedAgain = await within(3000, 'park', parked.session.dialog.offer(blackHole(parked.session.phoneSdp)));
    assert.ok(parkedAgain.ok);
    assert.equal(parked.session.dialog.ended, null, 'the agent session is still up');
    assert.deepEqual(pacer.ua.dialogs().map((d) => d.id), [parked.session.dialog.id]);
    await within(3000, 'agent BYE', parked.session.dialog.bye());
    assert.equal(await within(3000, 'agent sipp exit', agentPhone.exited), 0, agentPhone.errors());
  } finally {
    agentPhone.kill();
    customerPhone.kill();
    await pacer.close();
  }
});

test('3PCC: a busy customer leaves the agent parked', { skip: sippSkip }, async () => {
  const agentPhone = await startSipp({ scenario: 'phone_uas.xml', pauseMs: 0 });
  const customerPhone = await startSipp({ scenario: 'busy_uas.xml' });
  const pacer = await startPacer();
  try {
    const parked = await within(5000, 'the agent call', parkAgent(pacer.ua, { target: agentPhone.uri('1001'), ringTimeoutMs: 5000 }));
    assert.ok(parked.ok);
    const connected = await within(5000, 'the customer call', connectCustomer(pacer.ua, parked.session, { target: customerPhone.uri(), ringTimeoutMs: 5000 }));
    assert.deepEqual(connected, { ok: false, outcome: { result: 'busy', status: 486, reason: 'Busy Here' } });
    assert.equal(parked.session.dialog.ended, null);
    await within(3000, 'agent BYE', parked.session.dialog.bye());
    assert.equal(await within(3000, 'agent sipp exit', agentPhone.exited), 0, agentPhone.errors());
    assert.deepEqual(agentPhone.messages().filter((m) => m.direction === 'received').map((m) => m.first), ['INVITE', 'ACK', 'BYE'], 'the agent phone never saw the failed attempt');
  } finally {
    agentPhone.kill();
    customerPhone.kill();
    await pacer.close();
  }
});

test('3PCC: when the agent phone answers the bridge with other media (A2), the customer is re-offered A2', { skip: sippSkip }, async () => {
  const agentPhone = await startSipp({ scenario: 'moving_phone_uas.xml', pauseMs: 0 });
  const customerPhone = await startSipp({ scenario: 'phone_uas.xml', pauseMs: 0 });
  const pacer = await startPacer();
  try {
    const parked = await within(5000, 'the agent call', parkAgent(pacer.ua, { target: agentPhone.uri('1001'), ringTimeoutMs: 5000 }));
    assert.ok(parked.ok);
    const connected = await within(5000, 'the customer call', connectCustomer(pacer.ua, parked.session, { target: customerPhone.uri(), ringTimeoutMs: 5000 }));
    assert.ok(connected.ok);
    assert.match(parked.session.phoneSdp, /m=audio 20002 /, 'A2');
    await within(5000, 'hang up', connected.bridge.hangUp());
    assert.equal(await within(3000, 'agent sipp exit', agentPhone.exited), 0, agentPhone.errors());
    assert.equal(await within(3000, 'customer sipp exit', customerPhone.exited), 0, customerPhone.errors());
    const atCustomer = customerPhone.messages().filter((m) => m.direction === 'received');
    assert.deepEqual(atCustomer.map((m) => m.first), ['INVITE', 'ACK', 'INVITE', 'ACK', 'BYE']);
    assert.deepEqual([media(atCustomer[0]!), media(atCustomer[2]!)], [String(agentPhone.mediaPort), '20002'], 'offered A, then A2');
    assert.deepEqual(atCustomer.map((m) => Number(origin(m)?.split(' ')[2] ?? NaN)).filter((v) => !Number.isNaN(v)), [1, 2]);
  } finally {
    agentPhone.kill();
    customerPhone.kill();
    await pacer.close();
  }
});
