// Printing for people (aligned tables) or for scripts (--json, one JSON document).

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

/** The header and rows of a table, each column as wide as its widest cell and at least `atLeast`. */
function tableLines<T extends object>(items: readonly T[], columns: string[], atLeast: readonly number[] = []): { lines: string[]; widths: number[] } {
  const rows = items as readonly Record<string, unknown>[];
  const widths = columns.map((c, i) => Math.max(atLeast[i] ?? 0, c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return { lines: [line(columns.map((c) => c.toUpperCase())), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))], widths };
}

export function table<T extends object>(items: readonly T[], columns: string[]): string {
  return items.length === 0 ? '(none)' : tableLines(items, columns).lines.join('\n');
}

/** One page of a list as a table, saying how to get the next one when there is more. */
export function pageTable<T extends object>(page: { data: readonly T[]; next_cursor: string | null }, columns: string[]): string {
  return table(page.data, columns) + (page.next_cursor ? `\n(more: --cursor ${page.next_cursor})` : '');
}

export function print(json: boolean, value: unknown, human: () => string): void {
  console.log(json ? JSON.stringify(value) : human());
}

interface Page<T> { data: readonly T[]; next_cursor: string | null }

/**
 * Every page of a list, printed as it arrives, so that a list of any length runs in the memory of
 * one page: for people, one table under one header (a column never narrows from one page to the
 * next; a wider cell on a later page widens it from there on); for scripts, one JSON document, the
 * shape of a single page whose `data` holds every item and whose `next_cursor` is null.
 */
export async function printAll<T extends object>(json: boolean, first: Page<T>, next: (cursor: string) => Promise<Page<T>>, columns: string[]): Promise<void> {
  const out = (text: string) => new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
  let page = first;
  let printed = 0;
  let widths: number[] = [];
  if (json) await out('{"data":[');
  for (;;) {
    if (json) await out(page.data.map((item, i) => (printed + i === 0 ? '' : ',') + JSON.stringify(item)).join(''));
    else if (page.data.length > 0) {
      const t = tableLines(page.data, columns, widths);
      widths = t.widths;
      await out(`${t.lines.slice(printed === 0 ? 0 : 1).join('\n')}\n`);
    }
    printed += page.data.length;
    if (page.next_cursor === null) break;
    page = await next(page.next_cursor);
  }
  await out(json ? '],"next_cursor":null}\n' : printed === 0 ? '(none)\n' : '');
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; null is empty. */
const csvField = (v: unknown): string => {
  const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Rows as CSV with a header line of `columns`, CRLF line ends (RFC 4180). */
export function csvText<T extends object>(items: readonly T[], columns: readonly string[]): string {
  const rows = items as readonly Record<string, unknown>[];
  return [columns.map(csvField).join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))].join('\r\n') + '\r\n';
}
