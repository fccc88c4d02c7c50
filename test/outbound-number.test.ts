// The outbound-number policy: written forms of one number, emergency and service numbers, prefixes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defaultOutboundPolicy, nationalForm, parseOutboundPolicy, policyRefusal, writtenForms, type OutboundPolicy,
} from '../src/domain/outbound-number.ts';

const co = defaultOutboundPolicy;
const rule = (phone: string, policy: OutboundPolicy = co) => policyRefusal(phone, policy)?.rule;

test('a Colombian number in any written form has one national form; a foreign one keeps its +', () => {
  for (const phone of ['3001234567', '+573001234567', '00573001234567', '573001234567']) assert.equal(nationalForm(phone, '57'), '3001234567', phone);
  assert.equal(nationalForm('+12025550100', '57'), '+12025550100');
  assert.equal(nationalForm('0012025550100', '57'), '+12025550100');
  // Ten digits or fewer without + or 00: national, even when they start with the country code.
  assert.equal(nationalForm('5712345678', '57'), '5712345678');
  assert.deepEqual(writtenForms('+573001234567', '57'), ['3001234567', '573001234567', '+573001234567', '00573001234567']);
  assert.deepEqual(writtenForms('+12025550100', '57'), ['+12025550100', '0012025550100']);
});

test('emergency numbers are refused in every form and whatever the minimum length', () => {
  for (const phone of ['123', '112', '911', '+57123', '0057112', '119', '125']) assert.equal(rule(phone), 'emergency', phone);
  assert.equal(rule('911', { ...co, minDigits: 3 }), 'emergency');
  assert.equal(rule('+1911', co), undefined, 'a foreign number is not a Colombian emergency number');
});

test('short numbers are service numbers; normal numbers pass', () => {
  assert.equal(rule('4567'), 'service-number');
  assert.equal(rule('123456'), 'service-number');
  assert.equal(rule('1234567'), undefined);
  assert.equal(rule('3001234567'), undefined);
  assert.equal(rule('+12025550100'), undefined);
  assert.equal(rule('4567', { ...co, minDigits: 4 }), undefined);
});

test('blocked prefixes: + reads the international form, digits the national one', () => {
  const policy = { ...co, blockedPrefixes: ['1900', '+1'] };
  assert.equal(rule('19001234567', policy), 'blocked-prefix');
  assert.equal(rule('+12025550100', policy), 'blocked-prefix');
  assert.equal(rule('0012025550100', policy), 'blocked-prefix');
  assert.equal(rule('3001234567', policy), undefined);
  assert.match(policyRefusal('19001234567', policy)?.message ?? '', /starts with 1900/);
});

test('allowed prefixes: +57 allows every Colombian number and no foreign one', () => {
  const policy = { ...co, allowedPrefixes: ['+57'] };
  assert.equal(rule('3001234567', policy), undefined);
  assert.equal(rule('+573001234567', policy), undefined);
  assert.equal(rule('+12025550100', policy), 'not-allowed-prefix');
  assert.equal(rule('6011234567', { ...co, allowedPrefixes: ['300', '301'] }), 'not-allowed-prefix');
});

test('a policy is read from JSON with defaults, and a bad one names what is wrong', () => {
  assert.deepEqual(parseOutboundPolicy({}), { ok: true, policy: co });
  assert.deepEqual(parseOutboundPolicy({ country_code: '52', min_digits: 8, allowed_prefixes: ['+52'], blocked_prefixes: ['900'] }),
    { ok: true, policy: { countryCode: '52', minDigits: 8, allowedPrefixes: ['+52'], blockedPrefixes: ['900'] } });
  for (const [bad, why] of [
    [[], /object/], [{ country_code: 57 }, /country_code/], [{ country_code: '057' }, /country_code/], [{ min_digits: 2 }, /min_digits/],
    [{ blocked_prefixes: ['+'] }, /blocked_prefixes/], [{ allowed_prefixes: ['30a'] }, /allowed_prefixes/], [{ allowed_prefixes: '300' }, /allowed_prefixes/],
  ] as const) {
    const r = parseOutboundPolicy(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
    if (!r.ok) assert.match(r.reason, why);
  }
});
