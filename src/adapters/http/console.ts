// The web console's files, served by Pacer itself: the page at `/`, its files under `/console/`
// (a prefix no API path uses: /v1, /api, /docs, /openapi.json). Hashed assets are cached for a
// year, the page is revalidated on every load (so a new build shows at once); text is sent
// compressed when the browser takes it. Every answer carries a Content-Security-Policy that lets
// the page load nothing but Pacer's own files and talk to nothing but Pacer. A missing build is a
// page that says how to make it, never a 500.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Nothing from anywhere but Pacer; no inline script or style, no frames, no plugins. */
export const consolePolicy = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "font-src 'self'", "connect-src 'self'",
  "manifest-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const securityHeaders = {
  'content-security-policy': consolePolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const compressible = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);

/** A file as sent: its bytes, compressed forms made once, an ETag; dropped when the file changes. */
interface Served { mtimeMs: number; size: number; raw: Buffer; etag: string; br?: Buffer; gzip?: Buffer }

// A file name under /console/: letters, digits, dot, dash, underscore, in folders; no `..`.
const safePath = /^(?:[\w-][\w.-]*\/)*[\w-][\w.-]*$/;

export function notBuiltPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pacer: the console is not built</title></head><body>
<h1>Pacer is running, but its web console is not built</h1>
<p>Build it from the repository with <code>npm ci</code> (which builds it) or <code>npm run build -w @pacer/console</code>, then reload this page.
The API works meanwhile: <a href="/docs">/docs</a>.</p>
<p lang="es">Pacer está en marcha, pero su consola web no está construida: constrúyala con <code>npm ci</code> o
<code>npm run build -w @pacer/console</code> y vuelva a cargar esta página.</p>
</body></html>`;
}

export function registerConsole(app: FastifyInstance, dir: string): void {
  const cache = new Map<string, Served>();

  /** The file's bytes (cached while its size and mtime hold), or undefined when there is none. */
  const load = async (path: string): Promise<Served | undefined> => {
    try {
      const info = await stat(path);
      if (!info.isFile()) return undefined;
      const known = cache.get(path);
      if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known;
      const raw = await readFile(path);
      const served: Served = { mtimeMs: info.mtimeMs, size: info.size, raw, etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"` };
      cache.set(path, served);
      return served;
    } catch {
      return undefined;
    }
  };

  const send = (request: FastifyRequest, reply: FastifyReply, file: Served, type: string, cacheControl: string, ext: string) => {
    reply.headers({ ...securityHeaders, 'content-type': type, 'cache-control': cacheControl, etag: file.etag, vary: 'accept-encoding' });
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    const accepts = String(request.headers['accept-encoding'] ?? '');
    if (compressible.has(ext) && file.raw.length > 512) {
      if (/\bbr\b/.test(accepts)) {
        file.br ??= brotliCompressSync(file.raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        return reply.header('content-encoding', 'br').send(file.br);
      }
      if (/\bgzip\b/.test(accepts)) {
        file.gzip ??= gzipSync(file.raw, { level: 9 });
        return reply.header('content-encoding', 'gzip').send(file.gzip);
      }
    }
    return reply.send(file.raw);
  };

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const page = await load(join(dir, 'index.html'));
    if (!page) {
      return reply.code(503).headers({ ...securityHeaders, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).send(notBuiltPage());
    }
    return send(request, reply, page, contentTypes['.html'] ?? 'text/html', 'no-cache', '.html');
  });

  app.get('/console/*', { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    const path = join(dir, ...name.split('/'));
    const file = safePath.test(name) && !name.split('/').includes('..') && path.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? await load(path) : undefined;
    if (!file) {
      return reply.code(404).headers({ ...securityHeaders, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).send(`No such file of the console: /console/${name}`);
    }
    const ext = extname(name);
    // Vite names what it builds under assets/ by a hash of the content: it never changes.
    const cacheControl = name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : ext === '.html' ? 'no-cache' : 'public, max-age=3600';
    return send(request, reply, file, contentTypes[ext] ?? 'application/octet-stream', cacheControl, ext);
  });
}
