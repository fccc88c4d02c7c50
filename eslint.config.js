// Lint: type-aware rules everywhere, no import cycles, and the boundaries between the parts that
// docs/architecture.md states in words.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const ioModules = ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'worker_threads', 'crypto',
  'fastify', 'fastify/*', '@fastify/*', 'kysely', 'pg', '@electric-sql/*', 'sip', 'dgram'];

const processEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Only src/config.ts reads process.env: take configuration as a parameter.',
};

// The client is a consumer of the public API: the core and the engine never import it. The words
// they share with it live in packages/vocabulary.
const clientPackage = {
  group: ['**/packages/client/**', '@pacer/client', '@pacer/client/*'],
  message: 'The domain and the engine do not depend on the client: shared words live in packages/vocabulary.',
};

// An adapter implements a port: it knows the ports and the domain, not the engine's use cases, the
// faces or the CLI.
const adapterPatterns = [
  { regex: '/engine/(?!ports/)', message: 'An adapter implements a port (src/engine/ports/): it does not reach into the engine.' },
  { group: ['**/adapters/http/**', 'fastify', 'fastify/*', '@fastify/*', '**/cli/**'], message: 'An adapter does not depend on the HTTP faces or the CLI.' },
  clientPackage,
];

// Pure code (the domain core, the shared vocabulary): no process, timers, network or console, and
// time and randomness come in as values.
const pureCode = {
  'no-restricted-globals': ['error', 'process', 'setTimeout', 'setInterval', 'fetch', 'console'],
  'no-restricted-syntax': ['error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes into pure code as a value.' },
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes into pure code as a value.' },
    { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Randomness comes into pure code as a seeded source.' },
  ],
};

export default tseslint.config(
  // The vendored SIP stack (npm `sip` 0.0.6, patched) is kept as its author wrote it: its own
  // style, CommonJS. Project code reaches it only through the typed wrapper beside it.
  { ignores: ['node_modules', '.data', '.tmp', 'coverage', 'dist', 'packages/*/dist', 'scripts/*.mjs', 'src/adapters/telephony/sip/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A cycle means two modules that are one idea, or a layer that leans on the one above it.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-syntax': ['error', processEnv],
    },
  },
  {
    // The domain core is pure: no I/O, no framework, no engine or adapter code.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ioModules, message: 'The domain core imports no I/O: take it through a port in src/engine.' },
        { group: ['**/engine/**', '**/adapters/**', '**/cli/**', '**/config*'], message: 'The domain core depends on nothing outside src/domain.' },
        clientPackage,
      ] }],
      ...pureCode,
    },
  },
  {
    // The shared vocabulary is pure and stands alone: the server and the client both build on it.
    files: ['packages/vocabulary/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(?!\\./)', message: 'The vocabulary imports only its own files (./name.ts): no packages, no Node, nothing around it.' },
      ] }],
      ...pureCode,
    },
  },
  {
    // The engine talks to the world only through its ports, randomness included (like the clock).
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{
          name: 'node:crypto', importNames: ['randomBytes', 'randomUUID', 'randomInt', 'getRandomValues'],
          message: 'Randomness comes through the Randomness port (src/engine/ports/randomness.ts).',
        }],
        patterns: [
          { group: ['fastify', 'fastify/*', '@fastify/*', 'kysely', 'pg', '@electric-sql/*', 'sip', 'node:net', 'node:fs', 'node:http', 'node:dgram'], message: 'The engine reaches I/O through its ports (src/engine/ports/).' },
          { group: ['**/adapters/**', '**/cli/**', '**/app.ts', '**/config.ts'], message: 'The engine does not depend on adapters, the CLI or the composition root.' },
          clientPackage,
        ],
      }],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'fetch'],
      'no-restricted-syntax': ['error', processEnv,
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Randomness comes through the Randomness port.' },
      ],
    },
  },
  {
    // The HTTP faces translate: they call the Engine interface and nothing behind it.
    files: ['src/adapters/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '/engine/(?!api\\.ts$)', message: 'A face calls the engine through its interface (src/engine/api.ts): no ports, transactions or use-case internals.' },
        { group: ['**/adapters/store/**', '**/adapters/telephony/**', '**/adapters/randomness/**', '**/cli/**', 'kysely', 'pg', '@electric-sql/*'], message: 'A face reaches the store, the carrier and the rest only through the engine.' },
        clientPackage,
      ] }],
    },
  },
  {
    // The store adapter implements the store port: it knows the ports, not the engine's use cases or the faces.
    files: ['src/adapters/store/**/*.ts', 'src/adapters/telephony/**/*.ts', 'src/adapters/randomness/**/*.ts', 'src/adapters/clock/**/*.ts', 'src/adapters/webhooks/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: adapterPatterns }],
    },
  },
  {
    // The vendored SIP stack (npm `sip`, patched) is reached through its typed wrapper only
    // (stack.ts for the transport and transactions, auth.ts for digest), so it can be replaced there.
    files: ['src/adapters/telephony/**/*.ts'],
    ignores: ['src/adapters/telephony/sip/stack.ts', 'src/adapters/telephony/sip/auth.ts', 'src/adapters/telephony/sip/vendored.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        ...adapterPatterns,
        { group: ['**/sip/vendored.ts', './vendored.ts', '**/sip/vendor/*', './vendor/*', 'sip'], message: 'The vendored SIP stack is used through SipStack (sip/stack.ts) and sip/auth.ts only.' },
      ] }],
    },
  },
  {
    // The client and the CLI consume the public HTTP API only; the vocabulary is their shared ground.
    files: ['packages/client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(?!\\./|@pacer/vocabulary$)', message: 'The client imports its own files and @pacer/vocabulary only: it is a consumer of the public API.' },
      ] }],
    },
  },
  {
    // The web console is a consumer of the public API too: it talks to Pacer through the client
    // only (no fetch of its own), and bundles nothing but Preact beside it.
    files: ['packages/console/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(?!\\./|@pacer/client$|preact$|preact/hooks$)', message: 'The console imports its own files, @pacer/client and Preact only: it is a consumer of the public API.' },
      ] }],
      'no-restricted-globals': ['error',
        { name: 'fetch', message: 'The console talks to Pacer through @pacer/client (PacerClient), typed against the API.' },
        { name: 'XMLHttpRequest', message: 'The console talks to Pacer through @pacer/client.' },
        { name: 'EventSource', message: 'Live events come from the client\'s events.stream().' },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/engine/**', '**/adapters/**', '**/app.ts', '**/config.ts', 'fastify', 'kysely', 'pg', '@electric-sql/*'], message: 'The CLI is a consumer of the public API: it uses the client (packages/client), nothing of the server.' },
        { regex: '/domain/(?!pacing/)', message: 'The CLI uses the client; only `pacer simulate` runs the simulator and its pacing strategies locally.' },
      ] }],
    },
  },
  {
    files: ['src/config.ts', 'src/cli/cli-config.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests read JSON answers field by field; the assertions are the type check.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['eslint.config.js', 'scripts/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
