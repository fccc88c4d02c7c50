// The generated type files are what the schemas say today: change a schema without running
// `npm run docs` and this fails, so the client's types and the event shape cannot drift from it;
// the same for the Postman collection of both faces.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generatedTypeFiles } from '../scripts/generated-types.ts';
import { renderTypeFile } from '../scripts/schema-types.ts';
import { postmanFile } from '../scripts/postman.ts';

const root = new URL('../', import.meta.url);

for (const { path, text } of generatedTypeFiles()) {
  test(`${path} is generated from the schemas (npm run -s docs)`, () => {
    assert.equal(readFileSync(new URL(path, root), 'utf8'), text);
  });
}

test('docs/pacer.postman_collection.json is generated from the route tables and schemas (npm run -s docs)', async () => {
  const { path, text } = await postmanFile();
  assert.equal(readFileSync(new URL(path, root), 'utf8'), text);
});

test('the generator writes every schema it meets, or refuses it', () => {
  const file = (schema: unknown) => renderTypeFile({ header: ['t'], enums: { Mode: ['a', 'b'] }, enumsFrom: './v.ts', types: [['T', schema]] });
  const object = {
    type: 'object', required: ['mode', 'tags', 'at'],
    properties: {
      mode: { enum: ['a', 'b'] }, other: { enum: ['x', 'y'] }, tags: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      at: { anyOf: [{ type: 'string', description: 'when' }, { type: 'null' }] }, 'odd-key': { type: 'object', patternProperties: { '^.*$': {} } },
    },
  };
  assert.equal(file(object), `// t
import type { Mode } from './v.ts';

export interface T {
  mode: Mode;
  other?: "x" | "y";
  tags: (string | null)[];
  /** when */
  at: string | null;
  "odd-key"?: Record<string, unknown>;
}
`);
  assert.throws(() => file({ type: 'string', format: 'date-time', oneOf: [] }), /no TypeScript for the schema/);
});
