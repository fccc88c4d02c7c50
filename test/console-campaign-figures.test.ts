// The campaigns page's live figures and charts in a real browser (Debian's Chromium driven by
// playwright-core) against a real Pacer on a loopback port, on the real clock: a started campaign
// with records and no agent ready says "No agent ready" within 2 s of its start, its figures are
// the API's; a call the dialer places, answered by the simulated customer and hung up by the agent,
// changes them; a stopped campaign says so. The charts of a campaign's day render with their text
// alternatives (visually hidden tables) equal to GET /v1/campaigns/{id}/stats/series, the ceiling
// drawn; in Spanish too. axe-core finds no serious or critical violation, and nothing breaks the
// Content-Security-Policy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { PacerClient, type CampaignSeries, type CampaignStats } from '../packages/client/src/index.ts';
import { activeBuckets, clockOf, formatCount, formatLimit, formatMinutes, formatShare } from '../packages/console/src/figures.ts';
import { figuresEn, figuresEs } from '../packages/console/src/i18n-figures.ts';
import { browserSkip, launchChromium, livePacer, openPage, screenshotPath, seriousViolations, signInAs, type LivePacer } from './support/browser.ts';
import { TOKEN } from './support/pacer.ts';
import { stopSharedEmbedded } from './support/stores.ts';
import { eventRow } from '../src/adapters/store/events.ts';
import type { Database } from '../src/adapters/store/schema.ts';
import type { Insertable } from 'kysely';

const skip = browserSkip();
/** What a person may wait for: a change shows within this. */
const liveMs = 2000;
/** A change that comes with a call's end: the figures of one campaign are read at most every 3 s. */
const figuresMs = 5000;
/** The simulated customer answers after a ring of 1–3 s. */
const answeredMs = 15_000;
const allDay = ['00:00-24:00'];
const schedule = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay, holidays: 'none' as const };

/** The row of a table whose row header is `name`. */
const rowOf = (table: Locator, name: string) => table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name, exact: true }) });

/** Waits (polling, 50 ms apart) until `check` holds, for at most `ms`; fails saying what it waited for and what it saw last. */
async function eventually(what: string, check: () => Promise<boolean | string>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  let last: boolean | string = false;
  while ((last = await check()) !== true) {
    if (Date.now() > until) assert.fail(`waited ${ms} ms for ${what}${typeof last === 'string' ? `; last seen: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function audit(page: Page, what: string, picture?: string, fullPage = false): Promise<void> {
  if (picture) await page.screenshot({ path: await screenshotPath(picture), fullPage });
  assert.deepEqual(await seriousViolations(page), [], `${what}: no serious or critical accessibility violation`);
}

/** The cells of a campaign's row after its name: id, type, status, speed, lines, answered, abandon rate, utilisation, records, actions. */
const cellsOf = async (row: Locator) => (await row.getByRole('cell').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());

/** What the row shows for the API's figures (English). */
function expectedCells(s: CampaignStats): string[] {
  const share = (v: number | null) => formatShare(v, 'en');
  const worst = Math.max(s.today.abandon_rate ?? 0, s.last_30_min.abandon_rate ?? 0);
  const against = worst > s.abandon_ceiling ? `over the ${formatLimit(s.abandon_ceiling, 'en')} ceiling`
    : worst > s.abandon_target ? `over its target of ${formatLimit(s.abandon_target, 'en')}` : `target ${formatLimit(s.abandon_target, 'en')}`;
  return [
    formatCount(s.lines_in_flight, 'en'),
    `${s.today.answered} · ${s.last_30_min.answered}`,
    `${share(s.today.abandon_rate)} · ${share(s.last_30_min.abandon_rate)} ${against}`,
    `${share(s.today.agent_utilisation)} · ${share(s.last_30_min.agent_utilisation)}`,
    `${formatCount(s.records.pending, 'en')} (${formatCount(s.records.dialable_now, 'en')} now)`,
  ];
}

/** The rows of a visually hidden table: its row header and cells, as text. */
const tableRows = (table: Locator) => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));

describe('the campaigns\' live figures and charts in Chromium', { skip }, () => {
  let browser: Browser;
  let live: LivePacer;
  let api: PacerClient;

  before(async () => {
    [browser, live] = await Promise.all([launchChromium(), livePacer()]);
    api = new PacerClient({ baseUrl: live.url, token: TOKEN });
  });
  after(async () => {
    await browser?.close();
    await live?.close();
    await stopSharedEmbedded();
  });

  /** A campaign that may call at any hour, with `n` records, stopped. */
  async function campaignWith(name: string, n: number, prefix: string): Promise<string> {
    const campaign = await api.campaigns.create({ type: 'predictive', name, calling_schedule: schedule });
    await api.records.load(campaign.id, Array.from({ length: n }, (_, i) => ({ customer_id: `${prefix}-${i}`, tel1: `${prefix}${String(i).padStart(5, '0')}` })));
    return campaign.id;
  }

  /**
   * Some hours of the campaign's day before now (at most three, not before the operation's
   * midnight), written into the store as Pacer writes them: agents 1006–1009 work 6-minute cycles
   * (ready, a call answered and talked 3 minutes, 30 s of after-call work) then log out, each
   * cycle's answered call beside a number that did not answer, and now and then a call abandoned.
   */
  async function seedDay(campaignId: string): Promise<void> {
    const dayStart = Date.parse((await api.campaigns.series(campaignId)).buckets[0]?.start ?? '');
    const to = Date.now() - 2 * 60_000;
    const from = Math.max(dayStart + 60_000, to - 3 * 3600_000);
    const cycleMs = 6 * 60_000;
    const cycles = Math.max(0, Math.floor((to - from - 60_000) / cycleMs));
    const events: ReturnType<typeof eventRow>[] = [];
    const calls: Insertable<Database['calls']>[] = [];
    const move = (at: number, agentId: string, fromState: string, toState: string) => events.push(eventRow({
      operationId: '0001', at, type: 'agent.state', agentId, data: { from: fromState, to: toState, next: null },
    }));
    const call = (id: string, placed: number, result: 'answer' | 'no-answer' | 'abandon', agentId: string | null) => calls.push({
      id, operation_id: '0001', agent_id: agentId, campaign_id: campaignId, customer_id: id, customer_name: null, phone: '3001112222',
      origin: 'campaign', state: 'ended', result, parent_call_id: null, placed_at: new Date(placed),
      answered_at: result === 'no-answer' ? null : new Date(placed + 5000), connected_at: result === 'answer' ? new Date(placed + 5000) : null,
      ended_at: new Date(placed + (result === 'answer' ? 185_000 : 30_000)), cod_act: null, cod_act_2: null, comments: null, disposed_at: null,
    });
    ['1006', '1007', '1008', '1009'].forEach((agentId, a) => {
      const start = from + a * 15_000;
      move(start, agentId, 'logout', 'ready');
      for (let c = 0; c < cycles; c++) {
        const t = start + c * cycleMs;
        move(t + 60_000, agentId, 'ready', 'talking');
        move(t + 240_000, agentId, 'talking', 'acw');
        move(t + 270_000, agentId, 'acw', 'ready');
        call(`seed-${agentId}-${c}`, t + 55_000, 'answer', agentId);
        call(`seed-${agentId}-${c}-n`, t + 100_000, 'no-answer', null);
        if ((c * 4 + a) % 23 === 7) call(`seed-${agentId}-${c}-a`, t + 150_000, 'abandon', null);
      }
      move(start + cycles * cycleMs + 30_000, agentId, 'ready', 'logout');
    });
    const db = live.pacer.database.db;
    await db.insertInto('events').values(events).execute();
    if (calls.length > 0) await db.insertInto('calls').values(calls).execute();
  }

  /**
   * The agent is made ready, the dialer gives it a call the customer answers, the agent hangs up
   * and logs out from its after-call work (so the dialer has nobody for a second call).
   */
  async function oneCall(agentId: string): Promise<void> {
    await api.agents.setStatus(agentId, 'ready');
    await eventually(`agent ${agentId} on a call`, async () => (await api.agents.get(agentId)).state === 'talking', answeredMs);
    await api.agents.hang(agentId);
    await api.agents.setStatus(agentId, 'logout');
  }

  test('a started campaign\'s figures, "No agent ready" within 2 s, a call changes them, a stopped campaign says so', async () => {
    const id = await campaignWith('Morning calls', 3, '30055');
    const { context, page, errors } = await openPage(browser, live.url, '/?lang=en#campaigns');
    try {
      await signInAs(page, 'supervisor');
      const table = page.getByRole('table', { name: 'Campaigns', exact: true });
      const row = rowOf(table, 'Morning calls');
      const dialling = row.locator('.dialling');
      await eventually('the stopped campaign\'s reasons', async () => (await dialling.textContent()) === 'Not dialling: Stopped; No agent ready');

      // Started through the API with nobody ready: the page says why it does not dial.
      const started = Date.now();
      await api.campaigns.change(id, { status: 'started' });
      await eventually('"No agent ready"', async () => (await dialling.textContent()) === 'Not dialling: No agent ready', liveMs);
      const shownMs = Date.now() - started;
      await row.filter({ hasText: 'Started' }).waitFor();
      let stats = await api.campaigns.stats(id);
      assert.deepEqual(stats.not_dialling, [{ reason: 'no_agent_ready' }]);
      assert.deepEqual((await cellsOf(row)).slice(4, 9), expectedCells(stats), 'the figures are the API\'s');
      const cells = (await cellsOf(row)).slice(4, 9);
      assert.deepEqual([cells[0], cells[1], cells[2], cells[4]], ['0', '0 · 0', '— · — target 1.5 %', '3 (3 now)'], 'the abandon rate beside the campaign\'s target');
      await audit(page, 'campaigns with live figures');

      // A call through the dialer, answered and ended: the figures change.
      await oneCall('1001');
      await eventually('one answer today and in the last 30 minutes', async () => (await cellsOf(row))[5] === '1 · 1' || (await cellsOf(row)).join(' | '), figuresMs);
      stats = await api.campaigns.stats(id);
      assert.ok((stats.today.agent_utilisation ?? 0) > 0, 'the agent was busy on the call');
      assert.match((await cellsOf(row))[7] ?? '', /^\d+\.\d % · \d+\.\d %$/, 'a utilisation, no longer a dash');

      // Stopped on the page, the agent gone: it says so.
      await row.getByRole('button', { name: 'Stop', exact: true }).click();
      await api.agents.setStatus('1001', 'logout');
      await eventually('"Stopped"', async () => (await dialling.textContent()) === 'Not dialling: Stopped; No agent ready', liveMs);
      assert.equal((await row.locator('.state').textContent()), 'Stopped');
      stats = await api.campaigns.stats(id);
      assert.equal(stats.status, 'stopped');
      // Nothing moves now: the row is the API's (read again on the stop, after the logout's time has stopped).
      await eventually('the row equal to the API', async () => {
        stats = await api.campaigns.stats(id);
        const cells = (await cellsOf(row)).slice(4, 9);
        return JSON.stringify(cells) === JSON.stringify(expectedCells(stats)) || `${cells.join(' | ')} against ${expectedCells(stats).join(' | ')}`;
      }, 20_000);
      assert.ok(shownMs <= liveMs, `"No agent ready" shown ${shownMs} ms after the start`);
      assert.deepEqual(errors, [], 'no page error, no refused load (CSP) in the console');
    } finally {
      await context.close();
      await api.campaigns.change(id, { status: 'stopped' });
      await api.agents.setStatus('1001', 'logout');
    }
  });

  test('the charts of a campaign\'s day: text alternatives equal to the API\'s series, the ceiling drawn, in English and Spanish', async () => {
    const id = await campaignWith('Charts day', 2, '30066');
    await seedDay(id);
    await api.campaigns.change(id, { status: 'started' });
    await oneCall('1002');
    await api.campaigns.change(id, { status: 'stopped' });
    await api.agents.setStatus('1002', 'logout');
    // Every agent out: nothing moves in the series from here on but the end of its last bucket.
    for (const a of (await api.agents.list({ limit: 500 })).data) if (a.state !== 'logout') await api.agents.setStatus(a.id, 'logout');

    const { context, page, errors } = await openPage(browser, live.url, '/?lang=en#campaigns');
    try {
      await signInAs(page, 'supervisor');
      const row = rowOf(page.getByRole('table', { name: 'Campaigns', exact: true }), 'Charts day');
      await eventually('the figures of the day', async () => (await row.locator('.dialling').textContent()) === 'Not dialling: Stopped; No agent ready');
      await page.screenshot({ path: await screenshotPath('console-campaign-figures.png') });
      const toggle = row.getByRole('button', { name: 'Charts of Charts day', exact: true });
      await toggle.click();
      const panel = page.getByRole('region', { name: 'Charts day: today', exact: true });
      await panel.waitFor();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      assert.equal(await page.locator('#campaign-panel-heading:focus').count(), 1, 'the panel\'s heading has the focus');

      const abandon = panel.getByRole('table', { name: 'Abandon rate per 15 minutes: the numbers', exact: true });
      const utilisation = panel.getByRole('table', { name: 'Agent utilisation per 15 minutes: the numbers', exact: true });
      const results = panel.getByRole('table', { name: 'Today\'s calls by result: the numbers', exact: true });
      await abandon.waitFor({ state: 'attached' });
      const series: CampaignSeries = await api.campaigns.series(id, { bucket: 15 });
      const buckets = activeBuckets(series);
      assert.ok(series.buckets.slice(-2).some((b) => b.answered >= 1), 'the API has the call of the last minutes');
      const start = (cells: string[]) => [(cells[0] ?? '').split('–')[0], ...cells.slice(1)];
      assert.deepEqual((await tableRows(abandon)).map(start), buckets.map((b) => [
        clockOf(b.start), String(b.answered), String(b.abandoned), formatShare(b.abandon_rate, 'en'), formatShare(b.day_abandon_rate, 'en'),
      ]), 'the abandon chart\'s table is the series');
      assert.deepEqual((await tableRows(utilisation)).map(start), buckets.map((b) => [
        clockOf(b.start), formatMinutes(b.busy_s, 'en'), formatMinutes(b.staffed_s, 'en'), formatShare(b.agent_utilisation, 'en'),
      ]), 'the utilisation chart\'s table is the series');
      assert.deepEqual(await tableRows(results), series.calls_by_result.map((r) => [r.result === null ? figuresEn.inProgress : figuresEn.results[r.result], String(r.calls)]));
      assert.equal(series.calls_by_result.find((r) => r.result === 'answer')?.calls, buckets.reduce((n, b) => n + b.answered - b.abandoned, 0), 'every answer not abandoned');

      // Drawn: each chart an image named by its title, the abandon chart with the 3 % ceiling and the target.
      const abandonChart = panel.getByRole('img', { name: 'Abandon rate per 15 minutes', exact: true });
      assert.equal(await abandonChart.locator('line.chart-ceiling').count(), 1);
      assert.equal(await abandonChart.locator('text.chart-label-ceiling').textContent(), 'ceiling 3 %');
      assert.equal(await abandonChart.locator('text.chart-label-target').textContent(), 'target 1.5 %');
      assert.equal(await abandonChart.locator('rect.chart-bar-abandon').count(), buckets.filter((b) => b.abandon_rate !== null).length);
      assert.equal(await panel.getByRole('img', { name: 'Agent utilisation per 15 minutes', exact: true }).locator('rect.chart-bar-utilisation').count(),
        buckets.filter((b) => b.agent_utilisation !== null).length);
      assert.equal(await panel.getByRole('img', { name: 'Today\'s calls by result', exact: true }).locator('rect').count(), series.calls_by_result.length);
      await audit(page, 'a campaign\'s charts', 'console-campaign-charts.png', true);

      // Hourly bars: read again, the same way.
      await panel.getByLabel('Bars of').selectOption({ label: '60 min' });
      const hourly = panel.getByRole('table', { name: 'Abandon rate per 60 minutes: the numbers', exact: true });
      await hourly.waitFor({ state: 'attached' });
      const hours = activeBuckets(await api.campaigns.series(id, { bucket: 60 }));
      assert.deepEqual((await tableRows(hourly)).map((cells) => [(cells[0] ?? '').split('–')[0], cells[1]]), hours.map((b) => [clockOf(b.start), String(b.answered)]));

      await panel.getByRole('button', { name: 'Close the charts of Charts day', exact: true }).click();
      assert.equal(await panel.count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }

    // In Spanish: the same panel's words.
    const es = await openPage(browser, live.url, '/?lang=es#campaigns', 'es-CO');
    try {
      await signInAs(es.page, 'supervisor', undefined, { user: 'Usuario', password: 'Contraseña', signIn: 'Ingresar' });
      const row = rowOf(es.page.getByRole('table', { name: 'Campañas', exact: true }), 'Charts day');
      await eventually('the Spanish reasons', async () => (await row.locator('.dialling').textContent()) === 'No marca: Detenida; Ningún agente disponible');
      await row.getByRole('button', { name: 'Gráficos de Charts day', exact: true }).click();
      const panel = es.page.getByRole('region', { name: 'Charts day: hoy', exact: true });
      await panel.getByRole('table', { name: 'Tasa de abandono por 15 minutos: las cifras', exact: true }).waitFor({ state: 'attached' });
      assert.equal(await panel.getByRole('img', { name: 'Tasa de abandono por 15 minutos', exact: true }).locator('text.chart-label-ceiling').textContent(), 'tope 3 %');
      assert.deepEqual(await tableRows(panel.getByRole('table', { name: 'Llamadas de hoy por resultado: las cifras', exact: true })),
        (await api.campaigns.series(id)).calls_by_result.map((r) => [r.result === null ? figuresEs.inProgress : figuresEs.results[r.result], String(r.calls)]));
      await audit(es.page, 'a campaign\'s charts in Spanish');
      assert.deepEqual(es.errors, []);
    } finally {
      await es.context.close();
    }
  });
});
