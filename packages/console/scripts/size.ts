// What the console's first load costs: the JavaScript and CSS that dist/index.html loads, raw and
// compressed as Pacer sends it (brotli, or gzip). The budget is 300 KB of compressed JavaScript;
// test/console-files.test.ts holds the build to it. `npm run size -w @pacer/console` after a build.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const html = await readFile(new URL('index.html', dist), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/console\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const total = { js: [0, 0, 0], css: [0, 0, 0] };
for (const file of files) {
  const raw = await readFile(new URL(file, dist));
  const sizes = [raw.length, gzipSync(raw, { level: 9 }).length, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
  const kind = file.endsWith('.js') ? total.js : total.css;
  sizes.forEach((n, i) => (kind[i] = (kind[i] ?? 0) + n));
  console.log(`${file}: ${kb(sizes[0] ?? 0)} raw, ${kb(sizes[1] ?? 0)} gzip, ${kb(sizes[2] ?? 0)} brotli`);
}
console.log(`first load JavaScript: ${kb(total.js[0] ?? 0)} raw, ${kb(total.js[1] ?? 0)} gzip, ${kb(total.js[2] ?? 0)} brotli (budget: 300 KB compressed)`);
console.log(`first load CSS: ${kb(total.css[0] ?? 0)} raw, ${kb(total.css[1] ?? 0)} gzip, ${kb(total.css[2] ?? 0)} brotli`);
