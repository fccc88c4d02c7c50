// The pure parts of the reports: how wolkvox's values are written (HH:MM:SS past 24 h, "NN.NN %"
// with thousands, states, type_interaction), the buckets of a range on an operation's clock (a zone
// 30 minutes off UTC, a daylight-saving change), an agent's figures (the occupancy formula) and
// its sessions from its logins and logouts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentFigures, bucketBounds, checkRange, checkRows, emptyAgentTime, addStateTime, addCalls, sessionsOf, timeInStates } from '../src/domain/reports.ts';
import { hms, percent, spokenResult, stateName, typeInteraction } from '../src/adapters/http/wolkvox/report-wire.ts';

test('durations and percentages as wolkvox writes them', () => {
  assert.equal(hms(0), '00:00:00');
  assert.equal(hms(75_000), '00:01:15');
  assert.equal(hms(74_600), '00:01:15', 'to the nearest second');
  assert.equal(hms((41 * 3600 + 6 * 60) * 1000), '41:06:00', 'hours past 24 as they come');
  assert.equal(percent(0.3464), '34.64 %');
  assert.equal(percent(152.3333), '15,233.33 %');
  assert.equal(percent(null), '0.00 %');
  assert.equal(spokenResult('no-answer'), 'No answer');
  assert.equal(spokenResult('do-not-call'), 'Do not call');
  const aux = new Map([[2, 'Lunch']]);
  assert.deepEqual(['ready', 'ringing', 'talking', 'held', 'acw', 'aux:2', 'aux:9'].map((s) => stateName(s, aux, 'upper')), ['READY', 'RING', 'TALK', 'TALK', 'ACW', 'Lunch', 'Aux 9']);
  assert.equal(stateName('talking', aux, 'title'), 'Talk');
  assert.deepEqual([typeInteraction('campaign', 'predictive'), typeInteraction('campaign', 'preview'), typeInteraction('dial', null), typeInteraction('transfer', null)],
    ['out_pre', 'outbound_ma', 'outbound_ma', 'transfer']);
});

test('an agent\'s figures: occupancy = (on a call + ACW) / (logged in − auxiliary)', () => {
  const t = emptyAgentTime();
  for (const [state, s] of [['ready', 88], ['ringing', 7], ['talking', 60], ['held', 15], ['acw', 30], ['aux:2', 60], ['logout', 999]] as const) addStateTime(t, state, s * 1000);
  addCalls(t, 'dial', 1);
  const f = agentFigures(t);
  assert.deepEqual([f.loggedInMs, f.auxTotalMs, f.onCallMs, f.handleAvgMs, f.occupancy], [260_000, 60_000, 75_000, 105_000, 105 / 200]);
  assert.deepEqual([agentFigures(emptyAgentTime()).occupancy, agentFigures(emptyAgentTime()).handleAvgMs], [null, null], 'nothing to divide by');
});

test('buckets are cut where the operation\'s clock turns the hour or half hour', () => {
  const iso = (ms: readonly number[]) => ms.map((x) => new Date(x).toISOString());
  // Bogota (UTC−5): 10:20 to 12:10 by the hour.
  assert.deepEqual(iso(bucketBounds(Date.parse('2026-03-02T15:20:00Z'), Date.parse('2026-03-02T17:10:00Z'), 60, 'America/Bogota')),
    ['2026-03-02T15:20:00.000Z', '2026-03-02T16:00:00.000Z', '2026-03-02T17:00:00.000Z', '2026-03-02T17:10:00.000Z']);
  // Kolkata (UTC+5:30): local hours fall on UTC half hours.
  assert.deepEqual(iso(bucketBounds(Date.parse('2026-03-02T04:00:00Z'), Date.parse('2026-03-02T06:00:00Z'), 60, 'Asia/Kolkata')),
    ['2026-03-02T04:00:00.000Z', '2026-03-02T04:30:00.000Z', '2026-03-02T05:30:00.000Z', '2026-03-02T06:00:00.000Z']);
  // New York springs forward at 02:00 on 8 March 2026: local 01:00, 03:00, 04:00 (no 02:00).
  assert.deepEqual(iso(bucketBounds(Date.parse('2026-03-08T05:30:00Z'), Date.parse('2026-03-08T08:30:00Z'), 60, 'America/New_York')),
    ['2026-03-08T05:30:00.000Z', '2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z', '2026-03-08T08:30:00.000Z']);
  assert.equal(bucketBounds(0, 3 * 3600_000, 30, 'UTC').length, 7);
  assert.deepEqual(bucketBounds(5, 10, null, 'UTC'), [5, 10]);
});

test('a range: after its start, at most 31 days', () => {
  const day = 86_400_000;
  assert.doesNotThrow(() => checkRange(0, 31 * day, 'to'));
  assert.throws(() => checkRange(0, 31 * day + 1, 'date_end'), /SOME PARAMETERS ARE REQUIRED: date_end \(a report covers at most 31 days\)/);
  assert.throws(() => checkRange(5, 5, 'to'), /the end of the range must come after its start/);
  assert.doesNotThrow(() => checkRows(60_000));
  assert.throws(() => checkRows(60_001), /more than 60000 rows: ask for a shorter range/);
});

test('sessions from logins and logouts; one open at the start begins there, one open at the end has no logout', () => {
  const s = sessionsOf(['b'], [
    { agentId: 'a', at: 10, login: true }, { agentId: 'b', at: 20, login: false }, { agentId: 'a', at: 30, login: false },
    { agentId: 'a', at: 40, login: true }, { agentId: 'c', at: 50, login: false },
  ], 0);
  assert.deepEqual(s, [
    { agentId: 'b', loginAt: 0, logoutAt: 20 }, { agentId: 'a', loginAt: 10, logoutAt: 30 }, { agentId: 'a', loginAt: 40, logoutAt: null },
  ]);
});

test('time in states from summed changes: the stretches a sorted walk would find', () => {
  // Bounds 0, 100, 200 (ms); the agent is ready at 0, talks 50–130, ACW 130–150, ready after; now is 180.
  const changes = [{ at: 50, from: 'ready', to: 'talking' }, { at: 130, from: 'talking', to: 'acw' }, { at: 150, from: 'acw', to: 'ready' }];
  const bounds = [0, 100, 200];
  const moves = new Map<string, { bucket: number; state: string; atSum: number; entered: number }>();
  for (const c of changes) {
    const bucket = c.at < 100 ? 0 : 1;
    for (const [state, sign] of [[c.from, 1], [c.to, -1]] as const) {
      const key = `${bucket}:${state}`;
      const m = moves.get(key) ?? { bucket, state, atSum: 0, entered: 0 };
      m.atSum += sign * c.at;
      m.entered -= sign;
      moves.set(key, m);
    }
  }
  const got = timeInStates(bounds, 180, 'ready', [...moves.values()]).sort((a, b) => a.bucket - b.bucket || a.state.localeCompare(b.state));
  assert.deepEqual(got, [
    { bucket: 0, state: 'ready', ms: 50 }, { bucket: 0, state: 'talking', ms: 50 },
    { bucket: 1, state: 'acw', ms: 20 }, { bucket: 1, state: 'ready', ms: 30 }, { bucket: 1, state: 'talking', ms: 30 },
  ]);
  // No change at all: the whole range (up to now) in the state it began in; logged out counts nowhere.
  assert.deepEqual(timeInStates(bounds, 1000, 'aux:2', []), [{ bucket: 0, state: 'aux:2', ms: 100 }, { bucket: 1, state: 'aux:2', ms: 100 }]);
  assert.deepEqual(timeInStates(bounds, 1000, 'logout', []), []);
});
