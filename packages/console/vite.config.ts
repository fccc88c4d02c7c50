// Builds the console into dist/: index.html (served by Pacer at /) and hashed assets under
// /console/assets/ (a prefix no API path uses). Preact's JSX through Vite's own transformer (no
// Babel); the client and the vocabulary are bundled from their sources, so the build needs
// neither of them built first.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const from = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: from('.'),
  base: '/console/',
  logLevel: 'warn',
  resolve: {
    alias: {
      '@pacer/client': from('../client/src/index.ts'),
      '@pacer/vocabulary': from('../vocabulary/src/index.ts'),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be an inline script, which the console's Content-Security-Policy refuses;
    // every browser the console supports has modulepreload.
    modulePreload: { polyfill: false },
  },
});
