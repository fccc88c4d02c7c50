// Production pacing uses the campaign's dial mode with the abandon target its speed maps to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { campaignStrategy, strategyKey } from '../src/engine/dialer/campaign-strategy.ts';
import type { DialCampaign } from '../src/engine/ports/dialing.ts';
import { defaultCallingSchedule } from '../src/domain/calling-schedule.ts';
import { defaultOutboundPolicy } from '../src/domain/outbound-number.ts';

const campaign = (dialMode: string, speed = 100): DialCampaign => ({
  operationId: '0001', id: '1', type: 'predictive', dialMode, skillId: null, maxAttempts: 3, speed,
  startTime: null, endTime: null, callingSchedule: defaultCallingSchedule, oneContactPerDay: false, timeZone: 'America/Bogota',
  outboundPolicy: defaultOutboundPolicy, notDiallingAnnounced: null,
});

test('each dial mode paces with its own strategy; unknown modes dial progressively', () => {
  assert.equal(campaignStrategy(campaign('predictive'), 2000).name, 'predictive');
  assert.equal(campaignStrategy(campaign('progressive'), 2000).name, 'progressive');
  assert.equal(campaignStrategy(campaign('adapt'), 2000).name, 'adapt');
  assert.match(campaignStrategy(campaign('ratio:1.5'), 2000).name, /^ratio/);
  assert.equal(campaignStrategy(campaign('turbo'), 2000).name, 'progressive');
});

test('a new speed or mode makes a new strategy', () => {
  assert.notEqual(strategyKey(campaign('predictive', 50)), strategyKey(campaign('predictive', 80)));
  assert.notEqual(strategyKey(campaign('predictive', 50)), strategyKey(campaign('adapt', 50)));
  assert.equal(strategyKey(campaign('predictive', 50)), strategyKey(campaign('predictive', 50)));
});
