// How Pacer serves the web console (src/adapters/http/console.ts): the page at /, its files under
// /console/ (clear of /v1, /api, /docs and /openapi.json), hashed assets cached for good and the page
// revalidated, compressed text, a Content-Security-Policy that lets it load and reach nothing but
// Pacer, no way out of the build folder, a clear page when the console is not built (never a 500),
// and the first load's JavaScript within its budget of 300 KB compressed.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { consolePolicy } from '../src/adapters/http/console.ts';
import { testPacer } from './support/pacer.ts';
import { stopSharedEmbedded } from './support/stores.ts';

after(stopSharedEmbedded);

const dist = new URL('../packages/console/dist/', import.meta.url);
/** The JavaScript the page loads first: its module scripts and the modules they preload. */
const firstLoadScripts = (html: string) => [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1] ?? '');

test('the console is served at / with its files under /console/, cached and compressed, under a strict CSP', async () => {
  const built = await readFile(new URL('index.html', dist), 'utf8').catch(() => undefined);
  assert.ok(built, 'packages/console/dist is built (npm ci builds it; npm run build -w @pacer/console)');
  const p = await testPacer('pglite');
  try {
    const page = await p.call({ method: 'GET', url: '/' });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(page.headers['cache-control'], 'no-cache', 'the page is revalidated, so a new build shows at once');
    assert.equal(page.headers['content-security-policy'], consolePolicy);
    assert.match(consolePolicy, /default-src 'none'/);
    assert.doesNotMatch(consolePolicy, /https?:|\*|unsafe-inline|unsafe-eval|data:/, 'nothing from outside, no inline code');
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal((await p.call({ method: 'GET', url: '/', headers: { 'if-none-match': String(page.headers.etag) } })).statusCode, 304);
    assert.equal((await p.call({ method: 'HEAD', url: '/' })).statusCode, 200);
    // Every script is a file of Pacer's (no inline script, no CDN), under /console/.
    const scripts = [...page.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
    assert.ok(scripts.length > 0 && scripts.every((attrs) => /\ssrc="\/console\/assets\/[\w.-]+\.js"/.test(attrs)), scripts.join('\n'));
    assert.doesNotMatch(page.body, /(src|href)="(https?:)?\/\//, 'nothing loaded from another host');

    let compressed = 0;
    for (const src of firstLoadScripts(page.body)) {
      const raw = await p.call({ method: 'GET', url: src });
      assert.equal(raw.statusCode, 200, src);
      assert.equal(raw.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(raw.headers['cache-control'], 'public, max-age=31536000, immutable', 'hashed assets never change');
      assert.equal(raw.headers['content-security-policy'], consolePolicy);
      const br = await p.call({ method: 'GET', url: src, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), raw.body);
      const gz = await p.call({ method: 'GET', url: src, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gz.rawPayload).toString(), raw.body);
      compressed += gzipSync(raw.rawPayload, { level: 9 }).length;
    }
    assert.ok(compressed > 0 && compressed < 300 * 1024, `first load: ${compressed} bytes of gzipped JavaScript (budget 300 KB)`);

    // Only files of the build, by name: no way up and out of it.
    for (const url of ['/console/../package.json', '/console/%2e%2e/package.json', '/console/..%2fpackage.json', '/console/assets/..%2f..%2f..%2fpackage.json',
      '/console/', '/console/nothing.js', '/console/.%2e/src/app.ts']) {
      const r = await p.call({ method: 'GET', url });
      assert.ok(r.statusCode === 404 || r.statusCode === 400, `${url}: ${r.statusCode}`);
      assert.doesNotMatch(r.body, /"name": "pacer"|createPacer/, url);
    }
    // The API's paths are the API's, as before.
    const unknown = await p.call({ method: 'GET', url: '/v1/nothing' });
    assert.deepEqual([unknown.statusCode, (unknown.json.error as { code: string }).code], [404, 'API_NOT_FOUND']);
    assert.equal((await p.call({ method: 'GET', url: '/openapi.json' })).statusCode, 200);
    const paths = Object.keys((await p.call({ method: 'GET', url: '/openapi.json' })).json.paths as object);
    assert.ok(!paths.includes('/') && !paths.some((path) => path.startsWith('/console')), 'the console is not part of the API document');
  } finally {
    await p.close();
  }
});

test('without a build, / says how to build the console (503, never a 500), and the API works on', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'pacer-console-'));
  const p = await testPacer('pglite', { consoleDir: empty });
  try {
    const page = await p.call({ method: 'GET', url: '/' });
    assert.equal(page.statusCode, 503);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(page.body, /console is not built/);
    assert.match(page.body, /npm ci/);
    assert.match(page.body, /npm run build -w @pacer\/console/);
    assert.equal((await p.call({ method: 'GET', url: '/console/assets/index.js' })).statusCode, 404);
    assert.equal((await p.call({ method: 'GET', url: '/health' })).statusCode, 200);
  } finally {
    await p.close();
    await rm(empty, { recursive: true });
  }
});
