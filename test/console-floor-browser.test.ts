// The supervisor's and admin's pages of the web console in a real browser (Debian's Chromium
// driven by playwright-core) against a real Pacer on a loopback port, each result checked through
// the API: the navigation (and a supervisor kept out of Users and Tokens, by the page and by the
// server), the live wallboard, campaigns (create, start, speed, stop, a CSV of 3 good and 2 bad
// rows loaded with a progress bar and the bad rows listed by line), the records search with
// paging, the do-not-call list, auxiliary states and activity codes, users and tokens, and a
// refusal said in Spanish. Every page passes an axe-core audit (no serious or critical violation)
// at 1280×720, and nothing on it breaks the Content-Security-Policy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { PacerApiError, PacerClient } from '../packages/client/src/index.ts';
import { browserSkip, launchChromium, livePacer, openPage, PASSWORD, screenshotPath, seriousViolations, signInAs, type LivePacer } from './support/browser.ts';
import { TOKEN } from './support/pacer.ts';
import { stopSharedEmbedded } from './support/stores.ts';

const skip = browserSkip();
/** What a person may wait for: the live stream shows a change made elsewhere within this. */
const liveMs = 2000;
const refusedAs = (code: string) => (e: unknown) => e instanceof PacerApiError && e.code === code;

/** The row of a table whose row header is `name`. */
const rowOf = (table: Locator, name: string) => table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name, exact: true }) });

/** Waits (polling, 50 ms apart) until `check` holds, for at most `ms`; fails saying what it waited for. */
async function eventually(what: string, check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function audit(page: Page, what: string, picture?: string): Promise<void> {
  if (picture) await page.screenshot({ path: await screenshotPath(picture) });
  assert.deepEqual(await seriousViolations(page), [], `${what}: no serious or critical accessibility violation`);
}

describe('the supervisor\'s and admin\'s pages in Chromium', { skip }, () => {
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

  test('a supervisor moves between the floor\'s pages, each accessible; Users and Tokens are out of reach', async () => {
    const { context, page, errors } = await openPage(browser, live.url, '/?lang=en');
    try {
      await signInAs(page, 'supervisor');
      const nav = page.getByRole('navigation', { name: 'Sections' });
      await nav.waitFor();
      assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Wallboard', 'Campaigns', 'Records', 'Do not call', 'Auxiliary states & activity codes']);
      const pages: [string, Locator][] = [
        ['Wallboard', page.getByRole('table', { name: 'Agents', exact: true })],
        ['Campaigns', page.getByRole('table', { name: 'Campaigns', exact: true })],
        ['Records', page.getByRole('table', { name: /^Records found/ })],
        ['Do not call', page.getByRole('button', { name: 'Block', exact: true })],
        ['Auxiliary states & activity codes', page.getByRole('table', { name: 'Auxiliary states', exact: true })],
      ];
      for (const [name, shown] of pages) {
        await nav.getByRole('link', { name, exact: true }).click();
        await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
        await shown.waitFor();
        assert.equal(await nav.getByRole('link', { name, exact: true }).getAttribute('aria-current'), 'page');
        await audit(page, name);
      }
      // The heading of the page moved to has the focus (a screen reader says where the user is).
      assert.equal(await page.locator('h1:focus').count(), 1);

      // An admin's page by its address: the page says it is not for this role and shows nothing of it.
      for (const hash of ['#users', '#tokens']) {
        await page.goto(`${live.url}/?lang=en${hash}`);
        await page.getByRole('alert').filter({ hasText: 'This page is for admins' }).waitFor();
        assert.equal(await page.getByRole('table').count(), 0, `${hash}: nothing of it shown`);
      }
      // And the server refuses the supervisor's session anyway.
      const session = new PacerClient({ baseUrl: live.url });
      await session.session.signIn('supervisor', PASSWORD);
      await assert.rejects(session.users.list(), refusedAs('ROLE_FORBIDDEN'));
      await assert.rejects(session.tokens.list(), refusedAs('ROLE_FORBIDDEN'));
      await assert.rejects(session.tokens.create('escalate', { role: 'admin' }), refusedAs('ROLE_FORBIDDEN'));
      assert.deepEqual(errors, [], 'no page error, no refused load (CSP) in the console');
    } finally {
      await context.close();
    }
  });

  test('the wallboard: counts by state, each agent\'s state, call, call time and campaign, live', async () => {
    // A campaign that may call at any hour, so that the dialer works whenever the test runs.
    const allDay = ['00:00-24:00'];
    const campaign = await api.campaigns.create({
      type: 'predictive', name: 'Night and day',
      calling_schedule: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay, holidays: 'none' },
    });
    await api.records.load(campaign.id, Array.from({ length: 30 }, (_, i) => ({ customer_id: `N-${i}`, tel1: `30088${String(i).padStart(5, '0')}` })));
    const { context, page, errors } = await openPage(browser, live.url, '/?lang=en');
    try {
      await signInAs(page, 'supervisor');
      const table = page.getByRole('table', { name: 'Agents', exact: true });
      await table.waitFor();
      assert.equal(await table.getByRole('row').count(), 11, 'a header and one row per agent');

      // A manual call: its phone and call time show within the live delay.
      await api.agents.setStatus('1005', 'ready');
      await api.agents.dial('1005', { phone: '3005550101' });
      await rowOf(table, '1005').filter({ hasText: '3005550101' }).waitFor({ timeout: liveMs });
      await rowOf(table, '1005').filter({ hasText: 'On a call' }).waitFor({ timeout: 10_000 });
      // The cells after the agent's id: name, state, time in state, phone, call time, campaign.
      const cells = await rowOf(table, '1005').getByRole('cell').allTextContents();
      assert.match(cells[4] ?? '', /^0:0\d$/, `call time: ${cells.join(' | ')}`);
      assert.equal(cells[5], '—', 'a manual call has no campaign');

      // The counts at the top are the API's.
      const byState = new Map<string, number>();
      for (const a of (await api.agents.list({ limit: 500 })).data) byState.set(a.state, (byState.get(a.state) ?? 0) + 1);
      for (const state of ['logout', 'ready', 'aux', 'ringing', 'talking', 'held', 'acw']) {
        assert.equal(await page.getByTestId(`count-${state}`).textContent(), String(byState.get(state) ?? 0), state);
      }

      // A campaign call: the dialer gives agent 1006 a call of "Night and day".
      await api.agents.setStatus('1006', 'ready');
      await api.campaigns.change(campaign.id, { status: 'started' });
      await rowOf(table, '1006').filter({ hasText: 'Night and day' }).waitFor({ timeout: 30_000 });
      await api.campaigns.change(campaign.id, { status: 'stopped' });
      await audit(page, 'wallboard', 'console-wallboard.png');

      // The call ends elsewhere: the row shows after-call work and no call.
      await api.agents.hang('1005');
      await rowOf(table, '1005').filter({ hasText: 'After-call work' }).waitFor({ timeout: liveMs });
      assert.equal((await rowOf(table, '1005').getByRole('cell').allTextContents())[3], '—', 'no phone: the call ended');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('campaigns: create, start, set the speed, stop; a CSV of 3 good and 2 bad rows loads with its progress and the bad rows by line', async () => {
    const { context, page, errors } = await openPage(browser, live.url, '/?lang=en#campaigns');
    try {
      await signInAs(page, 'supervisor');
      await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
      await page.getByLabel('Campaign name', { exact: true }).fill('Spring renewals');
      await page.getByLabel('Campaign type', { exact: true }).selectOption({ label: 'Predictive' });
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Campaign Spring renewals created (stopped).' }).waitFor();
      const created = (await api.campaigns.list({ limit: 500 })).data.find((c) => c.name === 'Spring renewals');
      assert.ok(created, 'the API has the campaign');
      assert.deepEqual([created.type, created.status], ['predictive', 'stopped']);

      const row = rowOf(page.getByRole('table', { name: 'Campaigns', exact: true }), 'Spring renewals');
      await row.getByRole('button', { name: 'Start', exact: true }).click();
      await row.filter({ hasText: 'Started' }).waitFor();
      assert.equal((await api.campaigns.get(created.id)).status, 'started');
      await row.getByLabel('Speed of Spring renewals').fill('70');
      await row.getByRole('button', { name: 'Set speed', exact: true }).click();
      await eventually('the speed in the API', async () => (await api.campaigns.get(created.id)).speed === 70);
      await eventually('the speed on the page', async () => (await row.getByLabel('Speed of Spring renewals').inputValue()) === '70');
      await row.getByRole('button', { name: 'Stop', exact: true }).click();
      await row.filter({ hasText: 'Stopped' }).waitFor();
      assert.equal((await api.campaigns.get(created.id)).status, 'stopped');
      // A change made elsewhere shows live.
      await api.campaigns.change(created.id, { speed: 35 });
      await eventually('the new speed on the page', async () => (await row.getByLabel('Speed of Spring renewals').inputValue()) === '35', liveMs);

      // The CSV: lines 3 (a phone of two digits) and 5 (no phone) are bad.
      const csv = [
        'customer_id,customer_name,tel1',
        'S-1,Ana Gómez,3001230001',
        'S-2,Bad Phone,12',
        'S-3,"Pérez, Luis",3001230003',
        'S-4,No Phone,',
        'S-5,Eva,3001230005',
      ].join('\n');
      await page.getByLabel('Into campaign', { exact: true }).selectOption({ label: `Spring renewals (${created.id})` });
      await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'records.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Done: 3 added, 0 updated, 2 rejected.' }).waitFor();
      assert.equal(await page.getByTestId('load-progress-text').textContent(), '5 of 5 rows (100 %)');
      const bar = page.getByRole('progressbar', { name: 'Load progress' });
      assert.deepEqual([await bar.getAttribute('value'), await bar.getAttribute('max')], ['5', '5']);
      const rejected = page.getByRole('table', { name: 'Rejected rows' });
      assert.deepEqual(await rejected.getByRole('rowheader').allTextContents(), ['3', '5'], 'the bad rows by their line in the file');
      assert.match(await rowOf(rejected, '3').textContent() ?? '', /S-2.*tel1 must be a phone number/);
      assert.match(await rowOf(rejected, '5').textContent() ?? '', /S-4.*at least one of tel1…tel10 is required/);
      const loaded = await api.records.search({ campaign: created.id });
      assert.deepEqual(loaded.data.map((r) => [r.customer_id, r.data.customer_name]), [['S-1', 'Ana Gómez'], ['S-3', 'Pérez, Luis'], ['S-5', 'Eva']]);
      await audit(page, 'campaigns', 'console-campaigns.png');

      // A file that is not a records CSV is refused before anything is sent.
      await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'names.csv', mimeType: 'text/csv', buffer: Buffer.from('name,tel1\nAna,3001230009\n') });
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'its first line (line 1) must name a customer_id column' }).waitFor();
      assert.equal((await api.records.search({ campaign: created.id })).data.length, 3);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('records: search by campaign with paging, by customer name and by phone', async () => {
    const { context, page, errors } = await openPage(browser, live.url, '/?lang=en#records');
    try {
      await signInAs(page, 'supervisor');
      const found = page.getByRole('table', { name: /^Records found/ });
      await found.waitFor();
      const rows = found.locator('tbody tr');
      await page.getByLabel('Campaign', { exact: true }).selectOption({ label: 'Demo predictive' });
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('table', { name: 'Records found · Page 1' }).waitFor();
      await eventually('the first page of campaign 1', async () => (await rows.count()) === 50 && (await rows.first().getByRole('rowheader').textContent()) === '100001');
      await page.getByRole('button', { name: 'Next page', exact: true }).click();
      await page.getByRole('table', { name: 'Records found · Page 2' }).waitFor();
      assert.equal(await rows.count(), 50);
      assert.equal(await rows.first().getByRole('rowheader').textContent(), '100051');
      assert.ok(await page.getByRole('button', { name: 'Next page', exact: true }).isDisabled(), 'the last page');
      await page.getByRole('button', { name: 'Previous page', exact: true }).click();
      await page.getByRole('table', { name: 'Records found · Page 1' }).waitFor();
      await audit(page, 'records');

      await page.getByLabel('Customer name', { exact: true }).fill('customer 100042');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      // Page 1 already shows customer 100042: wait for the search's own answer, one row.
      await eventually('the name search', async () => (await rows.count()) === 1 && (await rows.first().getByRole('rowheader').textContent()) === '100042');

      await page.getByLabel('Customer name', { exact: true }).fill('');
      await page.getByLabel('Campaign', { exact: true }).selectOption({ label: 'All campaigns' });
      const phone = (await api.records.get('1', '100077')).phones[0] ?? '';
      await page.getByLabel('Phone', { exact: true }).fill(phone);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await rows.filter({ hasText: '100077' }).waitFor();
      assert.equal(await rows.count(), 1);
      await page.getByLabel('Phone', { exact: true }).fill('3999999999');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByText('No records match.').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('do not call: block a number, block it again for some days, unblock it', async () => {
    const { context, page, errors } = await openPage(browser, live.url, '/?lang=en#dnc');
    try {
      await signInAs(page, 'supervisor');
      await page.getByRole('heading', { level: 1, name: 'Do not call' }).waitFor();
      await page.getByLabel('Phone number', { exact: true }).fill('3007770001');
      await page.getByLabel('Reason (optional)', { exact: true }).fill('Asked not to be called');
      await page.getByRole('button', { name: 'Block', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '3007770001 is blocked' }).waitFor();
      const listed = () => api.dnc.list().then((p) => p.data.find((d) => d.phone === '3007770001'));
      assert.deepEqual(await listed().then((d) => [d?.reason, d?.expires_at]), ['Asked not to be called', null]);
      const table = page.getByRole('table', { name: 'Blocked numbers' });
      await rowOf(table, '3007770001').filter({ hasText: 'For good' }).waitFor();

      await page.getByLabel('Phone number', { exact: true }).fill('3007770001');
      await page.getByLabel('Days (empty: for good)', { exact: true }).fill('30');
      await page.getByRole('button', { name: 'Block', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'was already blocked' }).waitFor();
      assert.ok((await listed())?.expires_at, 'blocked for 30 days now');
      await audit(page, 'do not call');

      await rowOf(table, '3007770001').getByRole('button', { name: 'Unblock' }).click();
      await page.getByRole('status').filter({ hasText: '3007770001 is unblocked.' }).waitFor();
      assert.equal(await listed(), undefined);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('auxiliary states and activity codes: add, rename and remove, as the API has them', async () => {
    const { context, page, errors } = await openPage(browser, live.url, '/?lang=en#codes');
    try {
      await signInAs(page, 'supervisor');
      const aux = page.getByRole('table', { name: 'Auxiliary states', exact: true });
      await aux.waitFor();
      assert.equal(await page.getByLabel('Id', { exact: true }).inputValue(), '4', 'the next free id');
      await page.getByLabel('Name of the new auxiliary state').fill('Coaching');
      await page.getByRole('form', { name: 'New auxiliary state' }).getByRole('button', { name: 'Add' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved: Coaching.' }).waitFor();
      await rowOf(aux, '4').waitFor();
      assert.deepEqual((await api.configuration.auxStates()).data.find((a) => a.id === 4), { id: 4, name: 'Coaching' });

      await page.getByLabel('New name for Training').fill('Product training');
      await rowOf(aux, '3').getByRole('button', { name: 'Rename' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved: Product training.' }).waitFor();
      assert.equal((await api.configuration.auxStates()).data.find((a) => a.id === 3)?.name, 'Product training');

      await page.getByLabel('Group', { exact: true }).selectOption({ label: 'Activity code 2 (group 2)' });
      await page.getByLabel('Code', { exact: true }).fill('VIP');
      await page.getByLabel('Name of the new activity code').fill('VIP customer');
      await page.getByRole('form', { name: 'New activity code' }).getByRole('button', { name: 'Add' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved: VIP customer.' }).waitFor();
      const codes = page.getByRole('table', { name: 'Activity codes', exact: true });
      await rowOf(codes, 'VIP').waitFor();
      assert.deepEqual((await api.configuration.activityCodes({ limit: 500 })).data.find((c) => c.code === 'VIP'), { group: 2, code: 'VIP', name: 'VIP customer', flags: [] });
      await page.getByLabel('New name for Sale').fill('Sale closed');
      await rowOf(codes, 'SALE').getByRole('button', { name: 'Rename' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved: Sale closed.' }).waitFor();
      assert.equal((await api.configuration.activityCodes({ limit: 500 })).data.find((c) => c.code === 'SALE')?.name, 'Sale closed');

      // Removal, confirmed by a second click; a state an agent is in is refused with the agent named.
      await rowOf(codes, 'VIP').getByRole('button', { name: 'Remove VIP' }).click();
      await rowOf(codes, 'VIP').getByRole('button', { name: 'Yes, remove' }).click();
      await page.getByRole('status').filter({ hasText: 'Removed: VIP.' }).waitFor();
      assert.ok(!(await api.configuration.activityCodes({ limit: 500 })).data.some((c) => c.code === 'VIP'));
      await api.agents.setStatus('1009', 4);
      await rowOf(aux, '4').getByRole('button', { name: 'Remove Coaching' }).click();
      await rowOf(aux, '4').getByRole('button', { name: 'Yes, remove' }).click();
      await page.getByText('is in use by agent 1009').waitFor();
      assert.ok((await api.configuration.auxStates()).data.some((a) => a.id === 4), 'kept while an agent is in it');
      await api.agents.setStatus('1009', 'logout');
      await rowOf(aux, '4').getByRole('button', { name: 'Remove Coaching' }).click();
      await rowOf(aux, '4').getByRole('button', { name: 'Yes, remove' }).click();
      await page.getByRole('status').filter({ hasText: 'Removed: Coaching.' }).waitFor();
      assert.ok(!(await api.configuration.auxStates()).data.some((a) => a.id === 4));
      await audit(page, 'auxiliary states and activity codes');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('an admin manages users (create, role, password, delete) and tokens (created, shown once, revoked)', async () => {
    const { context, page, errors } = await openPage(browser, live.url, '/?lang=en');
    try {
      await signInAs(page, 'admin');
      const nav = page.getByRole('navigation', { name: 'Sections' });
      await nav.waitFor();
      assert.deepEqual((await nav.getByRole('link').allTextContents()).slice(-2), ['Users', 'Tokens']);
      await nav.getByRole('link', { name: 'Users', exact: true }).click();
      const users = page.getByRole('table', { name: 'Users', exact: true });
      await users.waitFor();
      assert.equal(await users.locator('tbody tr').count(), 12, 'ten agents, a supervisor and an admin');
      await audit(page, 'users', 'console-users.png');

      const creating = page.getByRole('form', { name: 'New user' });
      await creating.getByLabel('User name').fill('maria');
      await creating.getByLabel('Password (8 characters or more)').fill('maria-password-1');
      await creating.getByLabel('Role').selectOption({ label: 'Agent' });
      await creating.getByLabel('Agent id').fill('1007');
      await creating.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('status').filter({ hasText: 'User maria created.' }).waitFor();
      const maria = () => api.users.list({ limit: 500 }).then((p) => p.data.find((u) => u.username === 'maria'));
      assert.deepEqual(await maria().then((u) => [u?.role, u?.agent_id]), ['agent', '1007']);

      await rowOf(users, 'maria').getByRole('button', { name: 'Edit' }).click();
      const editing = page.getByRole('region', { name: 'Change user maria' });
      await editing.getByLabel('Role').selectOption({ label: 'Supervisor' });
      await editing.getByRole('button', { name: 'Save role' }).click();
      await page.getByRole('status').filter({ hasText: 'maria is now Supervisor' }).waitFor();
      assert.deepEqual(await maria().then((u) => [u?.role, u?.agent_id]), ['supervisor', null]);
      await editing.getByLabel('Password (8 characters or more)').fill('maria-password-2');
      await editing.getByRole('button', { name: 'Set password' }).click();
      await page.getByRole('status').filter({ hasText: 'New password set for maria' }).waitFor();
      const asMaria = new PacerClient({ baseUrl: live.url });
      assert.equal((await asMaria.session.signIn('maria', 'maria-password-2')).user.role, 'supervisor', 'she signs in with the new password');
      await editing.getByRole('button', { name: 'Delete user' }).click();
      await editing.getByRole('button', { name: 'Yes, delete' }).click();
      await page.getByRole('status').filter({ hasText: 'User maria deleted.' }).waitFor();
      assert.equal(await maria(), undefined);

      await nav.getByRole('link', { name: 'Tokens', exact: true }).click();
      const tokens = page.getByRole('table', { name: 'Tokens', exact: true });
      await tokens.waitFor();
      await page.getByLabel('Description', { exact: true }).fill('Wallboard TV');
      await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Supervisor' });
      await page.getByRole('button', { name: 'Create token', exact: true }).click();
      const secret = await page.getByTestId('new-token').textContent() ?? '';
      assert.match(secret, /^\S{20,}$/);
      await audit(page, 'tokens with a new secret', 'console-tokens.png');
      const tv = new PacerClient({ baseUrl: live.url, token: secret });
      assert.ok((await tv.campaigns.list()).data.length > 0, 'the token works');
      await assert.rejects(tv.users.list(), refusedAs('ROLE_FORBIDDEN'), 'with the supervisor role');
      await page.getByRole('button', { name: 'Done', exact: true }).click();
      assert.equal(await page.getByTestId('new-token').count(), 0, 'the secret is shown once');
      assert.ok(!(await page.content()).includes(secret), 'and is nowhere on the page after');

      await rowOf(tokens, 'Wallboard TV').getByRole('button', { name: 'Revoke' }).click();
      await rowOf(tokens, 'Wallboard TV').getByRole('button', { name: 'Yes, revoke' }).click();
      await page.getByRole('status').filter({ hasText: 'Token "Wallboard TV" revoked.' }).waitFor();
      const listed = (await api.tokens.list({ limit: 500 })).data.find((k) => k.description === 'Wallboard TV');
      assert.ok(listed?.revoked_at, 'the API has it revoked');
      await assert.rejects(tv.campaigns.list(), (e: unknown) => e instanceof PacerApiError && e.status === 401 || e instanceof PacerApiError && e.status === 403);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('in Spanish: the navigation, and a refusal of the API in the page\'s words', async () => {
    const { context, page, errors } = await openPage(browser, live.url, '/?lang=es#users', 'es-CO');
    try {
      await signInAs(page, 'admin', PASSWORD, { user: 'Usuario', password: 'Contraseña', signIn: 'Ingresar' });
      const nav = page.getByRole('navigation', { name: 'Secciones' });
      await nav.waitFor();
      assert.deepEqual(await nav.getByRole('link').allTextContents(),
        ['Tablero', 'Campañas', 'Registros', 'No llamar', 'Estados auxiliares y códigos de actividad', 'Usuarios', 'Tokens']);
      const creating = page.getByRole('form', { name: 'Nuevo usuario' });
      await creating.getByLabel('Nombre de usuario').fill('supervisor');
      await creating.getByLabel('Contraseña (8 caracteres o más)').fill('another-password');
      await creating.getByLabel('Rol').selectOption({ label: 'Supervisor' });
      await creating.getByRole('button', { name: 'Crear usuario' }).click();
      await page.getByRole('alert').filter({ hasText: 'Ya existe un usuario con ese nombre.' }).waitFor();
      await audit(page, 'users in Spanish');
      await nav.getByRole('link', { name: 'Tablero', exact: true }).click();
      await page.getByRole('list', { name: 'Agentes por estado' }).waitFor();
      await audit(page, 'wallboard in Spanish');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
