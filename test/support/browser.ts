// What the console's browser tests need: Debian's Chromium (never a browser download), a whole
// Pacer listening on a loopback port on the real clock, an accessibility audit, and screenshots.
//
// Why the real clock: the browser, the simulated carrier's ring and the live event stream's
// timing (it gathers events for 50 ms, and runs on the engine's clock) all move in real time, and
// what these tests prove is what a person sees within seconds. On a virtual clock the page would
// see nothing until the test advanced time. The console itself copes with a server clock that
// differs from the browser's (its timers start from what it saw change; see
// packages/console/src/time.ts), which test/console-files.test.ts checks on the virtual clock.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createPacer, type Pacer } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ensureDemo } from '../../src/demo.ts';
import { sharedEmbedded, uniqueSchema } from './stores.ts';
import { TOKEN } from './pacer.ts';

export const chromiumPath = '/usr/bin/chromium';
export const PASSWORD = 'console-test-password';
const inCi = process.env.CI === 'true';

/**
 * Whether the browser tests run here: with /usr/bin/chromium, yes; without it, a skip with a note
 * on a developer's machine, and a failure in CI (where .ci/run installs it).
 */
export function browserSkip(): string | false {
  if (existsSync(chromiumPath)) return false;
  if (inCi) throw new Error(`The console's browser tests need Debian's chromium at ${chromiumPath} in CI: .ci/run installs it (apt-get install -y chromium)`);
  return `no browser at ${chromiumPath}: apt-get install -y chromium to run the console's browser tests`;
}

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI and these machines run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface LivePacer { pacer: Pacer; url: string; close(): Promise<void> }

/** The demo operation (users 1001–1010, supervisor, admin with PASSWORD) on PGlite, on the real clock, on a loopback port. */
export async function livePacer(env: Record<string, string> = {}): Promise<LivePacer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const pacer = await createPacer(config, { schema: uniqueSchema(), inMemory: true, embedded: await sharedEmbedded() });
  await ensureDemo(pacer.database.db, Date.now(), TOKEN, { password: PASSWORD });
  await pacer.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(pacer.app.server.address() as AddressInfo).port}`;
  return { pacer, url, close: () => pacer.close() };
}

const axeSource = (): Promise<string> => readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation { id: string; impact: string | null; help: string; nodes: string[] }

/**
 * Runs axe-core in the page (through the DevTools protocol, so the page's Content-Security-Policy
 * stays on) and answers its serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const source = await axeSource();
  await page.evaluate(`(() => { ${source}\n; return true; })()`);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return (result.violations as any[]).map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: (v.nodes as any[]).map((n) => String(n.html)) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Where screenshots go: docs/ with PACER_SCREENSHOTS=docs (`npm run screenshots`, to refresh the
 * README's pictures), else .tmp/screenshots/ so that a test run leaves the work tree clean.
 */
export async function screenshotPath(name: string): Promise<string> {
  const dir = process.env.PACER_SCREENSHOTS === 'docs' ? new URL('../../docs/', import.meta.url) : new URL('../../.tmp/screenshots/', import.meta.url);
  await mkdir(dir, { recursive: true });
  return new URL(name, dir).pathname;
}

export interface OpenPage { context: BrowserContext; page: Page; errors: string[] }

/** A fresh browser context (its own cookies) at 1280×720 on `path`; page errors and console errors are collected. */
export async function openPage(browser: Browser, url: string, path: string, locale = 'en-US'): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A refused request (a 401 while signed out, the 4xx of a refused action) is the page's
    // business; anything else logged as an error, a CSP refusal above all, is a failure.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${url}${path}`);
  return { context, page, errors };
}

/** Signs in through the form (English labels unless told otherwise). */
export async function signInAs(page: Page, user: string, password = PASSWORD, names = { user: 'User', password: 'Password', signIn: 'Sign in' }): Promise<void> {
  await page.getByLabel(names.user, { exact: true }).fill(user);
  await page.getByLabel(names.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: names.signIn, exact: true }).click();
}
