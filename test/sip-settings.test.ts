// The SIP settings (src/config.ts): PACER_TELEPHONY, PACER_SIP_LISTEN, PACER_SIP_PUBLIC_ADDRESS and
// PACER_SIP_ALLOW_PRIVATE, their defaults, and a bad value stopping Pacer with a message naming the
// setting; and sip mode's stack listening, or stopping Pacer with a message when it cannot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPacer } from '../src/app.ts';
import { freePort, PACER_HOST } from './support/sipp/peer.ts';
import { sharedEmbedded, stopSharedEmbedded } from './support/stores.ts';
import { ConfigError, loadConfig } from '../src/config.ts';

const refused = (env: Record<string, string>, setting: string) =>
  assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && e.message.startsWith(`${setting} must be`), JSON.stringify(env));

test('defaults: the simulated carrier, SIP on 127.0.0.1:5060, no public address, no private peers', () => {
  const c = loadConfig({});
  assert.deepEqual([c.telephony, c.sipListen, c.sipPublicAddress, c.sipAllowPrivate], ['sim', { address: '127.0.0.1', port: 5060 }, null, false]);
  assert.deepEqual(loadConfig({ PACER_TELEPHONY: '', PACER_SIP_LISTEN: ' ', PACER_SIP_PUBLIC_ADDRESS: '' }).sipListen, { address: '127.0.0.1', port: 5060 });
});

test('good values are read as Pacer uses them', () => {
  const c = loadConfig({ PACER_TELEPHONY: 'sip', PACER_SIP_LISTEN: '0.0.0.0:5080', PACER_SIP_PUBLIC_ADDRESS: 'PBX.Example', PACER_SIP_ALLOW_PRIVATE: 'true' });
  assert.deepEqual([c.telephony, c.sipListen, c.sipPublicAddress, c.sipAllowPrivate], ['sip', { address: '0.0.0.0', port: 5080 }, 'pbx.example', true]);
  assert.deepEqual(loadConfig({ PACER_SIP_LISTEN: '[::]:5060' }).sipListen, { address: '::', port: 5060 });
  assert.deepEqual(loadConfig({ PACER_SIP_LISTEN: '[0:0:0:0:0:0:0:1]:65535' }).sipListen, { address: '::1', port: 65535 });
  assert.equal(loadConfig({ PACER_SIP_PUBLIC_ADDRESS: '127.0.0.2' }).sipPublicAddress, '127.0.0.2');
  assert.equal(loadConfig({ PACER_SIP_PUBLIC_ADDRESS: '::1' }).sipPublicAddress, '::1');
  assert.equal(loadConfig({ PACER_SIP_PUBLIC_ADDRESS: '[::1]' }).sipPublicAddress, '::1');
});

test('a bad value stops Pacer with a message naming the setting', () => {
  for (const bad of ['SIP', 'pjsip', 'real']) refused({ PACER_TELEPHONY: bad }, 'PACER_TELEPHONY');
  for (const bad of ['127.0.0.1', '127.0.0.1:0', '127.0.0.1:65536', '127.0.0.1:50x', 'localhost:5060', 'sip.example:5060', '::1:5060', '[::1]', '127.1:5060', '[fe80::1%eth0]:5060', ':5060']) {
    refused({ PACER_SIP_LISTEN: bad }, 'PACER_SIP_LISTEN');
  }
  for (const bad of ['pbx.example:5060', '127.0.0.1:5060', 'sip:pbx.example', 'under_score.example', '[::1]:5060']) refused({ PACER_SIP_PUBLIC_ADDRESS: bad }, 'PACER_SIP_PUBLIC_ADDRESS');
  for (const bad of ['yes', '1', 'TRUE']) refused({ PACER_SIP_ALLOW_PRIVATE: bad }, 'PACER_SIP_ALLOW_PRIVATE');
  assert.throws(() => loadConfig({ PACER_SIP_LISTEN: 'nowhere' }), { message: 'PACER_SIP_LISTEN must be address:port, an IPv4 address or an [IPv6] one and a port from 1 to 65535 (127.0.0.1:5060, 0.0.0.0:5060, [::]:5060), got "nowhere"' });
});

test('sip mode listens on PACER_SIP_LISTEN; a port already taken stops Pacer with a message naming the setting', async () => {
  const port = await freePort(PACER_HOST);
  const env = { LOG_LEVEL: 'silent', PACER_TELEPHONY: 'sip', PACER_SIP_LISTEN: `${PACER_HOST}:${port}` };
  const first = await createPacer(loadConfig(env), { inMemory: true, embedded: await sharedEmbedded() });
  try {
    assert.equal(first.engine.background.dialer !== undefined, true);
    await assert.rejects(createPacer(loadConfig(env), { inMemory: true, embedded: await sharedEmbedded() }),
      (e: unknown) => e instanceof ConfigError && e.message.startsWith(`PACER_SIP_LISTEN ${PACER_HOST}:${port}: SIP `) && /cannot listen/.test(e.message));
  } finally {
    await first.close();
    await stopSharedEmbedded();
  }
});
