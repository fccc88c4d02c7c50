// The rest of the agent desktop in a real browser (Debian's Chromium, playwright-core) against a
// real Pacer on a loopback port, on the real clock: a preview campaign's next record (Skip, Dial),
// the customer record on the call, the keypad (DTMF), hold and mute by keyboard shortcut, transfer
// to another agent and to an outside number, a callback scheduled on the operation's clock from a
// browser in another time zone, my callbacks, the reminder of a manual callback that comes due
// (dismissed, then dialled), shortcuts that never fire while typing and can be turned off, and the
// floor's choice of the agent's buttons (agent_display).
// Each step is checked through the API; each new panel passes an axe-core audit (no serious or
// critical violation) at 1280×720, and nothing on the page breaks its Content-Security-Policy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { PacerClient, type PacerEvent } from '../packages/client/src/index.ts';
import { browserSkip, launchChromium, livePacer, PASSWORD, screenshotPath, seriousViolations, type LivePacer } from './support/browser.ts';
import { TOKEN } from './support/pacer.ts';
import { stopSharedEmbedded } from './support/stores.ts';

const skip = browserSkip();
/** The simulated customer answers after a ring of 1–3 s. */
const answeredMs = 10_000;
const allDay = ['00:00-24:00'];

describe('the agent desktop\'s calls, callbacks, preview and shortcuts in Chromium', { skip }, () => {
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

  /** A fresh browser (its own cookies) at 1280×720, signed in as `user`; page errors and console errors are collected. */
  async function signedIn(user: string, options: { timezoneId?: string; lang?: string } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US', ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}) });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
    const es = options.lang === 'es';
    await page.goto(`${live.url}/?lang=${es ? 'es' : 'en'}`);
    await page.getByLabel(es ? 'Usuario' : 'User', { exact: true }).fill(user);
    await page.getByLabel(es ? 'Contraseña' : 'Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: es ? 'Ingresar' : 'Sign in', exact: true }).click();
    await page.getByRole('combobox', { name: es ? 'Estado' : 'Status', exact: true }).waitFor();
    return { context, page, errors };
  }

  /** Takes the focus out of any field, as a person clicking on the page would, so keys are shortcuts. */
  const blur = (page: Page) => page.evaluate('document.activeElement?.blur()');
  /** Whether the element has the focus (evaluated in the page; the tests have no DOM types). */
  const focused = (locator: Locator) => locator.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
  const state = (page: Page, text: string) => page.getByTestId('agent-state').filter({ hasText: text }).waitFor();
  const eventsOf = async (type: string, after: number): Promise<PacerEvent[]> => (await api.events.list({ types: [type], after, limit: 500 })).data;

  test('preview: Skip and Dial; the record on the call; keypad tones; hold and mute by key; transfer to a ready agent', async () => {
    // A skill of its own, so that the other tests' agents are not offered its records.
    await api.skills.put(9, 'Renewals');
    await api.agents.setSkills('1003', [9]);
    const created = await api.campaigns.create({
      type: 'preview', name: 'Renewals', skill_id: 9, opt_titles: { opt1: 'Plan', opt2: 'Renewal date' },
      calling_schedule: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay, holidays: 'none' },
    });
    await api.records.load(created.id, [
      { customer_id: 'R1', customer_name: 'Ana', customer_last_name: 'Gómez', tel1: '3004440001', opt1: 'Gold', opt2: '2026-04-01' },
      { customer_id: 'R2', customer_name: 'Luis', customer_last_name: 'Pérez', tel1: '3004440002', opt1: 'Silver', opt2: '2026-05-01' },
    ]);
    await api.campaigns.change(created.id, { status: 'started' });
    const { seq: start } = await api.events.latest();
    const { context, page, errors } = await signedIn('1003');
    try {
      // R (the shortcut) sets the agent ready; the next record of the preview campaign is offered.
      await blur(page);
      await page.keyboard.press('r');
      await state(page, 'Ready');
      assert.equal((await api.agents.get('1003')).state, 'ready');
      const previewCard = page.getByRole('region', { name: 'Next record' });
      await previewCard.getByTestId('preview-phone').filter({ hasText: '3004440001' }).waitFor();
      const fields = previewCard.getByTestId('preview-record');
      for (const text of ['Ana', 'Gómez', 'Plan', 'Gold', 'Renewal date', '2026-04-01']) await fields.getByText(text, { exact: true }).waitFor();
      assert.equal((await api.agents.preview('1003')).next?.record.customer_id, 'R1', 'the API holds R1 for the agent');
      await page.screenshot({ path: await screenshotPath('console-agent-preview.png') });
      assert.deepEqual(await seriousViolations(page), [], 'preview panel: no serious or critical accessibility violation');

      await previewCard.getByRole('button', { name: 'Skip', exact: true }).click();
      await previewCard.getByTestId('preview-phone').filter({ hasText: '3004440002' }).waitFor();
      await page.getByText('Skipped customer R1: it comes back in an hour.').waitFor();
      assert.deepEqual((await eventsOf('record.skipped', start)).map((e) => [e.agent_id, e.data.customer_id]), [['1003', 'R1']]);

      // P dials the previewed record: an attempt of R2, connected to the agent when answered. The
      // skip's notice shows before its Dial button is enabled again (a key pressed in between is
      // ignored, as the disabled button would be), so the test waits for the button as a person would.
      await previewCard.getByRole('button', { name: 'Dial', exact: true }).and(page.locator(':enabled')).waitFor();
      await blur(page);
      await page.keyboard.press('p');
      await page.getByTestId('call-phone').filter({ hasText: '3004440002' }).waitFor();
      const callId = (await api.agents.get('1003')).call_id;
      assert.ok(callId);
      const placed = await api.calls.get(callId);
      assert.deepEqual([placed.origin, placed.campaign_id, placed.customer_id, placed.customer_name], ['campaign', created.id, 'R2', 'Luis']);
      const hold = page.getByRole('button', { name: 'Hold', exact: true });
      await hold.and(page.locator(':enabled')).waitFor({ timeout: answeredMs });

      // The call's customer record, with the campaign's field titles.
      const record = page.getByTestId('call-record');
      for (const text of ['Luis', 'Pérez', 'Plan', 'Silver', 'Renewal date', '2026-05-01']) await record.getByText(text, { exact: true }).waitFor();
      await record.getByText(`Renewals · customer R2`).waitFor();
      assert.equal((await api.calls.record(callId)).customer_id, 'R2');

      // K opens the keypad; its keys (clicked, or typed while it is open) send tones on the call.
      await blur(page);
      await page.keyboard.press('k');
      const keypad = page.getByRole('group', { name: 'Keypad: send tones on the call' });
      await keypad.waitFor();
      await keypad.getByRole('button', { name: 'Tone 1', exact: true }).click();
      await keypad.getByRole('button', { name: 'Tone 2', exact: true }).click();
      await blur(page);
      await page.keyboard.press('#');
      await page.getByTestId('tones-sent').filter({ hasText: 'Tones sent: 12#' }).waitFor();
      const tones = await eventsOf('call.dtmf', start);
      assert.deepEqual(tones.map((e) => [e.call_id, e.data.tones]), [[callId, '1'], [callId, '2'], [callId, '#']], 'each tone reached the call');
      await page.screenshot({ path: await screenshotPath('console-agent-call.png') });
      assert.deepEqual(await seriousViolations(page), [], 'call with record and keypad: no serious or critical accessibility violation');

      // H holds and resumes, M mutes and unmutes; each shows and is in the API.
      await page.keyboard.press('h');
      await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
      assert.equal((await api.calls.get(callId)).held, true);
      await page.keyboard.press('h');
      await hold.waitFor();
      assert.equal((await api.calls.get(callId)).held, false);
      await page.keyboard.press('m');
      await page.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
      assert.equal((await api.calls.get(callId)).muted, true);
      await page.keyboard.press('m');
      await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
      assert.equal((await api.calls.get(callId)).muted, false);

      // T opens the transfer form, focused: to agent 1004, who is ready.
      await api.agents.setStatus('1004', 'ready');
      await page.keyboard.press('t');
      const to = page.getByLabel('Agent extension or phone number', { exact: true });
      await to.waitFor();
      assert.equal(await focused(to), true, 'the field has the focus');
      assert.deepEqual(await seriousViolations(page), [], 'transfer form: no serious or critical accessibility violation');
      await to.fill('1004');
      await page.getByRole('button', { name: 'Transfer the call', exact: true }).click();
      await page.getByText('Call transferred to 1004.').waitFor();
      await state(page, 'After-call work');
      const [ended, taker] = await Promise.all([api.calls.get(callId), api.agents.get('1004')]);
      assert.equal(ended.state, 'ended');
      assert.equal(taker.state, 'talking');
      assert.ok(taker.call_id);
      assert.deepEqual([(await api.calls.get(taker.call_id)).parent_call_id, (await api.calls.get(taker.call_id)).customer_id], [callId, 'R2']);
      assert.deepEqual((await eventsOf('call.transferred', start)).map((e) => [e.call_id, e.data.to_agent]), [[callId, '1004']]);
      assert.deepEqual(errors, [], 'no page error, no refused load (CSP) in the console');
    } finally {
      await context.close();
    }
  });

  test('transfer out, a callback on the operation\'s clock from a browser in Tokyo, my callbacks, and the reminder of a manual one', async () => {
    const { seq: start } = await api.events.latest();
    const { context, page, errors } = await signedIn('1005', { timezoneId: 'Asia/Tokyo' });
    try {
      await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Ready' });
      await state(page, 'Ready');
      const manualDial = page.getByRole('region', { name: 'Manual dial' });
      await manualDial.getByLabel('Phone number', { exact: true }).fill('3005550111');
      await manualDial.getByRole('button', { name: 'Dial', exact: true }).click();
      await page.getByRole('button', { name: 'Hold', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: answeredMs });
      const callId = (await api.agents.get('1005')).call_id;
      assert.ok(callId);
      await page.getByText('This call has no customer record (a manual dial).').waitFor();

      // Transfer to an outside number: the agent is free, the customer goes on to that number.
      await page.getByRole('button', { name: 'Transfer', exact: true }).click();
      await page.getByLabel('Agent extension or phone number', { exact: true }).fill('3005550999');
      await page.getByRole('button', { name: 'Transfer the call', exact: true }).click();
      await state(page, 'After-call work');
      assert.deepEqual((await eventsOf('call.transferred', start)).map((e) => [e.call_id, e.data.to, e.data.to_agent]), [[callId, '3005550999', null]]);

      // A callback for tomorrow 10:30 on the operation's clock (Bogota), whatever the browser's zone.
      const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + 86_400_000);
      await page.getByText(/Date and time on the operation's clock \(America\/Bogota\)/).waitFor();
      await page.getByLabel('Phone to call back', { exact: true }).fill('3005550333');
      await page.getByLabel('Date', { exact: true }).fill(tomorrow);
      await page.getByLabel('Time', { exact: true }).fill('10:30');
      await page.getByLabel('Manual: remind me to dial').check();
      assert.deepEqual(await seriousViolations(page), [], 'after-call work with the callback form: no serious or critical accessibility violation');
      await page.getByRole('button', { name: 'Schedule', exact: true }).click();
      await page.getByText(/^Callback scheduled for /).waitFor();
      const [scheduled] = (await api.callbacks.list({ agent: '1005', status: 'pending' })).data;
      assert.ok(scheduled);
      assert.equal(Date.parse(scheduled.due_at), Date.parse(`${tomorrow}T10:30:00-05:00`), 'due at 10:30 in Bogota');
      assert.deepEqual([scheduled.phone, scheduled.type], ['3005550333', 'manual']);
      const mine = page.getByTestId('my-callbacks');
      await mine.getByText('3005550333').waitFor();

      await page.getByRole('combobox', { name: 'Activity code', exact: true }).selectOption({ label: 'Call back later' });
      await page.getByRole('button', { name: 'Save and ready', exact: true }).click();
      await state(page, 'Ready');

      // Two manual callbacks due in two seconds: the server's reminders show, without a reload.
      const due = new Date(Date.now() + 2000).toISOString();
      await api.callbacks.create({ agent_id: '1005', phone: '3005550444', due_at: due, type: 'manual' });
      await api.callbacks.create({ agent_id: '1005', phone: '3005550555', due_at: due, type: 'manual' });
      const reminders = page.getByTestId('reminder');
      const reminded = Date.now();
      await reminders.filter({ hasText: '3005550555' }).waitFor({ timeout: 15_000 });
      await reminders.filter({ hasText: '3005550444' }).waitFor({ timeout: 2000 });
      assert.ok(Date.now() - reminded < 15_000);
      assert.equal((await eventsOf('callback.reminder', start)).length, 2);
      await page.screenshot({ path: await screenshotPath('console-agent-reminder.png') });
      assert.deepEqual(await seriousViolations(page), [], 'reminders and my callbacks: no serious or critical accessibility violation');

      // Dismissed stays dismissed after a reload; Dial now calls the other.
      await page.getByRole('button', { name: 'Dismiss: the reminder to call 3005550444', exact: true }).click();
      await reminders.filter({ hasText: '3005550444' }).waitFor({ state: 'detached' });
      await page.reload();
      await reminders.filter({ hasText: '3005550555' }).waitFor();
      assert.equal(await reminders.filter({ hasText: '3005550444' }).count(), 0);
      await page.getByRole('button', { name: 'Dial now: 3005550555', exact: true }).click();
      await page.getByTestId('call-phone').filter({ hasText: '3005550555' }).waitFor();
      const redial = (await api.agents.get('1005')).call_id;
      assert.ok(redial);
      assert.equal((await api.calls.get(redial)).phone, '3005550555');
      assert.equal(await reminders.count(), 0);

      // Cancel the scheduled callback from the list.
      await mine.getByRole('button', { name: /^Cancel: the callback to 3005550333/ }).click();
      await mine.getByText('3005550333').waitFor({ state: 'detached' });
      assert.equal((await api.callbacks.get(scheduled.id)).status, 'cancelled');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('shortcuts never fire while typing, are listed (?) and can be turned off', async () => {
    const { context, page, errors } = await signedIn('1006');
    try {
      const phone = page.getByLabel('Phone number', { exact: true });
      await phone.click();
      await page.keyboard.type('r3001');
      // The keys went into the field; none of them was a shortcut.
      assert.equal(await phone.inputValue(), 'r3001');
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Backspace');
      await blur(page);
      await page.keyboard.press('?');
      const help = page.locator('details.shortcuts');
      await help.getByText('Hang up', { exact: true }).waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'shortcut list: no serious or critical accessibility violation');
      assert.equal((await api.agents.get('1006')).state, 'logout', 'typing r in a field set no state');

      // Off: R does nothing (the status stays as it was; the next change shows within the test's bound).
      await help.getByLabel('Single-key shortcuts on').uncheck();
      await blur(page);
      await page.keyboard.press('r');
      await page.keyboard.press('d');
      assert.equal(await focused(phone), false, 'D did not move the focus');
      await api.agents.setStatus('1006', 1);
      await state(page, 'Active breaks');
      assert.equal((await api.agents.get('1006')).aux_id, 1, 'R did not make the agent ready');
      // On again (kept in this browser): D goes to the phone number, R makes the agent ready.
      await help.getByLabel('Single-key shortcuts on').check();
      await blur(page);
      await page.keyboard.press('d');
      assert.equal(await focused(phone), true);
      await blur(page);
      await page.keyboard.press('r');
      await state(page, 'Ready');
      assert.equal((await api.agents.get('1006')).state, 'ready');
      assert.equal(await page.getByRole('button', { name: 'Hold', exact: true }).getAttribute('aria-keyshortcuts'), 'h');

      // The floor hides the agent's manual dial (agent_display): it goes, and D with it; then it comes back.
      await api.agents.display('1006', 'dial', false);
      await page.getByRole('region', { name: 'Manual dial' }).waitFor({ state: 'detached' });
      await api.agents.display('1006', 'dial', true);
      await page.getByRole('region', { name: 'Manual dial' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the new panels speak Spanish', async () => {
    const { context, page, errors } = await signedIn('1007', { lang: 'es' });
    try {
      await page.getByRole('region', { name: 'Mis rellamadas' }).getByText('No hay rellamadas agendadas.').waitFor();
      for (const name of ['Teclado', 'Transferir', 'Colgar']) assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
      await blur(page);
      await page.keyboard.press('?');
      await page.locator('details.shortcuts').getByText('Atajos de una tecla activos').waitFor();
      await page.keyboard.press('r');
      await state(page, 'Disponible');
      assert.deepEqual(await seriousViolations(page), [], 'Spanish desktop: no serious or critical accessibility violation');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
