// Writes docs/states.md from the transition tables.
import { writeFileSync } from 'node:fs';
import { renderStateDocs } from '../src/domain/state-docs.ts';

writeFileSync(new URL('../docs/states.md', import.meta.url), renderStateDocs());
console.log('wrote docs/states.md');
