// The web console in a real browser (Debian's Chromium driven by playwright-core) against a real
// Pacer on a loopback port: an agent signs in, goes ready, dials, holds and resumes, mutes, hangs
// up and saves a disposition, each step checked through the API; a change made through the API
// shows in the page within 2 s; wrong passwords and a locked user get clear errors; the Spanish
// page speaks Spanish; a supervisor sees the agents live; a name in two operations asks for the
// operation. Every page passes an axe-core audit with no serious or critical violation, and
// nothing on it breaks the Content-Security-Policy (a refused load is a console error here).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PacerClient } from '../packages/client/src/index.ts';
import { browserSkip, launchChromium, livePacer, PASSWORD, screenshotPath, seriousViolations, type LivePacer } from './support/browser.ts';
import { TOKEN } from './support/pacer.ts';
import { stopSharedEmbedded } from './support/stores.ts';

const skip = browserSkip();
const ADMIN = 'console-admin-token-0001';
/** What a person may wait for: the live stream shows a change made elsewhere within this. */
const liveMs = 2000;

describe('the web console in Chromium', { skip }, () => {
  let browser: Browser;
  let live: LivePacer;
  let api: PacerClient;

  before(async () => {
    [browser, live] = await Promise.all([launchChromium(), livePacer({ PACER_ADMIN_TOKEN: ADMIN })]);
    api = new PacerClient({ baseUrl: live.url, token: TOKEN });
  });
  after(async () => {
    await browser?.close();
    await live?.close();
    await stopSharedEmbedded();
  });

  /** A fresh browser (its own cookies) at 1280×720; page errors and console errors are collected. */
  async function open(path: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // A refused request (a 401 while signed out, the 4xx of a refused action) is the page's
      // business; anything else logged as an error, a CSP refusal above all, is a failure.
      if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
    await page.goto(`${live.url}${path}`);
    return { context, page, errors };
  }

  async function signIn(page: Page, user: string, password = PASSWORD, names = { user: 'User', password: 'Password', signIn: 'Sign in' }) {
    await page.getByLabel(names.user, { exact: true }).fill(user);
    await page.getByLabel(names.password, { exact: true }).fill(password);
    await page.getByRole('button', { name: names.signIn, exact: true }).click();
  }

  test('an agent signs in, goes ready, dials, holds, resumes, mutes, hangs up and saves a disposition; each step is in the API', async () => {
    const { context, page, errors } = await open('/?lang=en');
    try {
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'sign-in page: no serious or critical accessibility violation');
      await page.getByLabel('User', { exact: true }).fill('1001');
      await page.screenshot({ path: await screenshotPath('console-sign-in.png') });
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();

      // The Status control offers Ready, each auxiliary state of the operation by name, and Log out.
      const status = page.getByRole('combobox', { name: 'Status', exact: true });
      await status.waitFor();
      await page.getByRole('option', { name: 'Lunch' }).waitFor({ state: 'attached' });
      const options = await status.locator('option:not([disabled])').allTextContents();
      assert.deepEqual(options, ['Ready', 'Active breaks', 'Lunch', 'Training', 'Log out']);
      assert.equal(await page.getByTestId('agent-state').textContent(), 'Logged out');

      await status.selectOption({ label: 'Ready' });
      await page.getByTestId('agent-state').filter({ hasText: 'Ready' }).waitFor();
      assert.equal((await api.agents.get('1001')).state, 'ready', 'the API has the agent ready');

      await page.getByLabel('Phone number', { exact: true }).fill('3001234567');
      await page.getByRole('button', { name: 'Dial', exact: true }).click();
      await page.getByTestId('call-phone').filter({ hasText: '3001234567' }).waitFor();
      const placed = await api.agents.get('1001');
      assert.ok(placed.call_id, 'the API has the agent on a call');
      const callId = placed.call_id;
      assert.equal((await api.calls.get(callId)).phone, '3001234567');

      // The simulated customer answers after a ring of 1–3 s: Hold is offered once connected.
      const hold = page.getByRole('button', { name: 'Hold', exact: true });
      await hold.and(page.locator(':enabled')).waitFor({ timeout: 10_000 });
      assert.deepEqual([(await api.calls.get(callId)).state, (await api.agents.get('1001')).state], ['connected', 'talking']);

      await hold.click();
      await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
      assert.deepEqual([(await api.calls.get(callId)).held, (await api.agents.get('1001')).state], [true, 'held']);
      await page.getByRole('button', { name: 'Resume', exact: true }).click();
      await hold.waitFor();
      assert.deepEqual([(await api.calls.get(callId)).held, (await api.agents.get('1001')).state], [false, 'talking']);

      await page.getByRole('button', { name: 'Mute', exact: true }).click();
      await page.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
      assert.equal((await api.calls.get(callId)).muted, true);
      await page.getByRole('button', { name: 'Unmute', exact: true }).click();
      await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
      assert.equal((await api.calls.get(callId)).muted, false);

      // The desktop on a live call: its picture (docs/console-agent.png), and its audit.
      await page.getByLabel('Comments', { exact: true }).waitFor();
      await page.screenshot({ path: await screenshotPath('console-agent.png') });
      assert.deepEqual(await seriousViolations(page), [], 'agent desktop: no serious or critical accessibility violation');

      await page.getByRole('button', { name: 'Hang up', exact: true }).click();
      await page.getByTestId('agent-state').filter({ hasText: 'After-call work' }).waitFor();
      const ended = await api.calls.get(callId);
      assert.equal(ended.state, 'ended');
      assert.equal((await api.agents.get('1001')).state, 'acw');

      await page.getByRole('combobox', { name: 'Activity code', exact: true }).selectOption({ label: 'Sale' });
      await page.getByRole('combobox', { name: 'Activity code 2 (optional)', exact: true }).selectOption({ label: 'New customer' });
      await page.getByLabel('Comments', { exact: true }).fill('Wants the annual plan; send the contract');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved: Sale.').waitFor();
      const disposed = await api.calls.get(callId);
      assert.deepEqual([disposed.cod_act, disposed.cod_act_2, disposed.comments], ['SALE', 'NEW', 'Wants the annual plan; send the contract']);

      // A change made elsewhere (the API, as a supervisor or the dialer would) shows within 2 s.
      await api.agents.setStatus('1001', 2);
      const changedAt = Date.now();
      await page.getByTestId('agent-state').filter({ hasText: 'Lunch' }).waitFor({ timeout: liveMs });
      assert.ok(Date.now() - changedAt <= liveMs);
      assert.equal(await status.inputValue(), 'aux:2', 'the Status control shows it too');

      // Save and ready: the disposition again, and the agent ready.
      await page.getByLabel('Comments', { exact: true }).fill('Contract sent');
      await page.getByRole('button', { name: 'Save and ready', exact: true }).click();
      await page.getByTestId('agent-state').filter({ hasText: 'Ready' }).waitFor();
      assert.equal((await api.agents.get('1001')).state, 'ready');
      assert.equal((await api.calls.get(callId)).comments, 'Contract sent');

      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      assert.deepEqual(errors, [], 'no page error, no refused load (CSP) in the console');
    } finally {
      await context.close();
    }
  });

  test('wrong passwords say so, and a locked user is told how long to wait', async () => {
    const { context, page, errors } = await open('/?lang=en');
    try {
      await signIn(page, '1009', 'not the password');
      await page.getByRole('alert').filter({ hasText: 'Wrong user or password.' }).waitFor();
      await signIn(page, 'nobody', 'not the password');
      await page.getByRole('alert').filter({ hasText: 'Wrong user or password.' }).waitFor();
      for (let i = 0; i < 4; i++) {
        await signIn(page, '1009', `guess ${i}`);
        await page.getByRole('button', { name: 'Sign in', exact: true }).and(page.locator(':enabled')).waitFor();
      }
      await page.getByRole('alert').filter({ hasText: 'Too many failed attempts: try again in 15 minutes.' }).waitFor();
      await signIn(page, '1009', PASSWORD);
      await page.getByRole('alert').filter({ hasText: 'try again in 15 minutes' }).waitFor();
      assert.equal(await page.getByRole('combobox', { name: 'Status' }).count(), 0, 'still signed out');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the page is in Spanish for a Spanish browser and for ?lang=es', async () => {
    for (const [path, locale] of [['/', 'es-CO'], ['/?lang=es', 'en-US']] as const) {
      const { context, page, errors } = await open(path, locale);
      try {
        await page.getByRole('button', { name: 'Ingresar', exact: true }).waitFor();
        assert.equal(await page.locator('html').getAttribute('lang'), 'es');
        await signIn(page, '1002', PASSWORD, { user: 'Usuario', password: 'Contraseña', signIn: 'Ingresar' });
        const status = page.getByRole('combobox', { name: 'Estado', exact: true });
        await status.waitFor();
        await page.getByRole('option', { name: 'Lunch' }).waitFor({ state: 'attached' });
        assert.deepEqual(await status.locator('option:not([disabled])').allTextContents(), ['Disponible', 'Active breaks', 'Lunch', 'Training', 'Desconectarse']);
        for (const name of ['Marcar', 'Colgar', 'Espera', 'Silenciar']) assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
        await page.getByLabel('Número de teléfono', { exact: true }).waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'Spanish desktop: no serious or critical accessibility violation');
        await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
        await page.getByRole('button', { name: 'Ingresar', exact: true }).waitFor();
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
    // An English browser without ?lang gets English.
    const { context, page } = await open('/', 'en-GB');
    try {
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('a supervisor sees a table of the agents, live', async () => {
    const { context, page, errors } = await open('/?lang=en');
    try {
      await signIn(page, 'supervisor');
      const table = page.getByRole('table', { name: 'Agents', exact: true });
      await table.waitFor();
      const row = (id: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: id, exact: true }) });
      assert.equal(await table.getByRole('row').count(), 11, 'a header and one row per agent');
      await api.agents.setStatus('1004', 3);
      await row('1004').filter({ hasText: 'Training' }).waitFor({ timeout: liveMs });
      await api.agents.setStatus('1004', 'ready');
      await row('1004').filter({ hasText: 'Ready' }).waitFor({ timeout: liveMs });
      await page.getByRole('navigation', { name: 'Sections' }).waitFor();
      await page.screenshot({ path: await screenshotPath('console-floor.png') });
      assert.deepEqual(await seriousViolations(page), [], 'floor: no serious or critical accessibility violation');
      // The other language opens on the same page: the section (#records) reached after the first render stays.
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Records', exact: true }).click();
      await page.getByRole('heading', { name: 'Records', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Español', exact: true }).click();
      await page.waitForURL(/\?lang=es#records$/);
      await page.getByRole('heading', { name: 'Registros', level: 1 }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a supervisor in a second browser sees what an agent does in its console within 2 s; the agent\'s session cannot act on another agent', async () => {
    const agent = await open('/?lang=en');
    const supervisor = await open('/?lang=en');
    try {
      await signIn(supervisor.page, 'supervisor');
      const table = supervisor.page.getByRole('table', { name: 'Agents', exact: true });
      await table.waitFor();
      const row = table.getByRole('row').filter({ has: supervisor.page.getByRole('rowheader', { name: '1005', exact: true }) });
      await row.filter({ hasText: 'Logged out' }).waitFor();

      await signIn(agent.page, '1005');
      const status = agent.page.getByRole('combobox', { name: 'Status', exact: true });
      await status.waitFor();
      await agent.page.getByRole('option', { name: 'Lunch' }).waitFor({ state: 'attached' });
      await status.selectOption({ label: 'Ready' });
      const clickedAt = Date.now();
      await row.filter({ hasText: 'Ready' }).waitFor({ timeout: liveMs });
      assert.ok(Date.now() - clickedAt <= liveMs, 'the supervisor saw it within 2 s');
      await status.selectOption({ label: 'Lunch' });
      await row.filter({ hasText: 'Lunch' }).waitFor({ timeout: liveMs });

      // The console offers no control over another agent; its session, used by hand, is refused.
      const refused = await agent.page.evaluate(async () => {
        const session = await (await fetch('/v1/session')).json() as { csrf_token: string };
        const res = await fetch('/v1/agents/1006/status', {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token }, body: JSON.stringify({ status: 'ready' }),
        });
        return { status: res.status, code: (await res.json() as { error?: { code?: string } }).error?.code };
      });
      assert.deepEqual(refused, { status: 403, code: 'ROLE_FORBIDDEN' });
      assert.equal((await api.agents.get('1006')).state, 'logout', 'agent 1006 did not move');
      assert.deepEqual([...agent.errors, ...supervisor.errors], []);
    } finally {
      await agent.context.close();
      await supervisor.context.close();
    }
  });

  test('a name used in two operations is asked its operation', async () => {
    const admin = new PacerClient({ baseUrl: live.url, token: ADMIN });
    const created = await admin.operations.create({ id: '0002', name: 'Lima', time_zone: 'America/Lima' });
    const other = new PacerClient({ baseUrl: live.url, token: created.token.token });
    await other.users.create({ username: 'supervisor', password: 'another password', role: 'supervisor' });
    const { context, page, errors } = await open('/?lang=en');
    try {
      assert.equal(await page.getByLabel('Operation').count(), 0, 'no Operation field at first');
      await signIn(page, 'supervisor', 'another password');
      const operation = page.getByLabel('Operation', { exact: true });
      await operation.waitFor();
      await operation.fill('0002');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('table', { name: 'Agents' }).waitFor();
      assert.match(await page.locator('.who').textContent() ?? '', /supervisor · 0002/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
