// Writes what is generated from a single source: docs/states.md from the transition tables, the
// client's resource types and the event shape from the native API's schemas, and the Postman
// collection of both faces from the route tables and schemas.
import { writeFileSync } from 'node:fs';
import { renderStateDocs } from '../src/domain/state-docs.ts';
import { generatedTypeFiles } from './generated-types.ts';
import { postmanFile } from './postman.ts';

const root = new URL('../', import.meta.url);
const files = [{ path: 'docs/states.md', text: renderStateDocs() }, ...generatedTypeFiles(), await postmanFile()];
for (const { path, text } of files) {
  writeFileSync(new URL(path, root), text);
  console.log(`wrote ${path}`);
}
