// BENCHMARKS.md is shared by several benchmarks, each owning the text between its own markers
// `<!-- NAME:start -->` and `<!-- NAME:end -->`; writing one section never touches the others.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

const file = new URL('../BENCHMARKS.md', import.meta.url);

/** Replaces the text between `start` and `end` in `source`; undefined when the markers are not there. */
export function replaceBetween(source: string, start: string, end: string, body: string): string | undefined {
  const i = source.indexOf(start);
  const j = source.indexOf(end, i);
  return i >= 0 && j > i ? `${source.slice(0, i)}${start}\n${body}\n${source.slice(j)}` : undefined;
}

/** Whether BENCHMARKS.md has the section NAME. */
export function hasSection(name: string): boolean {
  return existsSync(file) && readFileSync(file, 'utf8').includes(`<!-- ${name}:start -->`);
}

/** Writes `body` as the section NAME of BENCHMARKS.md, appending the section if it is new. */
export function writeSection(name: string, body: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  writeFileSync(file, replaceBetween(text, start, end, body) ?? `${text.trimEnd()}\n\n${start}\n${body}\n${end}\n`);
}

/** The machine a figure was measured on: cores, CPU model, Node version. */
export function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) model = m[1].trim();
  } catch { /* not Linux: keep os.cpus() */ }
  let nproc = String(availableParallelism());
  try { nproc = execFileSync('nproc', { encoding: 'utf8' }).trim(); } catch { /* keep availableParallelism */ }
  return `${nproc} cores (\`nproc\`), ${model}, Node ${process.version}`;
}
