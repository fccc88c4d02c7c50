// Printing for people (aligned tables) or for scripts (--json, one JSON document).

export function table<T extends object>(items: readonly T[], columns: string[]): string {
  const rows = items as readonly Record<string, unknown>[];
  if (rows.length === 0) return '(none)';
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '-';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  };
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

/** One page of a list as a table, saying how to get the next one when there is more. */
export function pageTable<T extends object>(page: { data: readonly T[]; next_cursor: string | null }, columns: string[]): string {
  return table(page.data, columns) + (page.next_cursor ? `\n(more: --cursor ${page.next_cursor})` : '');
}

export function print(json: boolean, value: unknown, human: () => string): void {
  console.log(json ? JSON.stringify(value) : human());
}
