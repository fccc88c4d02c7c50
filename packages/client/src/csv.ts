// Records from CSV, shared by the CLI (`pacer records import`, streaming a file from disk) and the
// web console (a file chosen in the browser): a streaming reader (RFC 4180: quoted fields, doubled
// quotes, CRLF or LF, newlines inside quotes) that yields each row with the line it started on, so
// a million-row file is read in constant memory and a bad row can be reported by its line number;
// and the header's columns turned into the records the API loads. Pure: strings in, rows out.

export interface CsvRow {
  line: number;
  fields: string[];
}

/** A record read from a CSV, with the line its row started on. */
export interface CsvRecord {
  line: number;
  /** The row's non-empty fields by the header's names (customer_id, tel1…tel10, customer_name, opt1…). */
  record: { customer_id: string } & Record<string, string>;
}

/** The file cannot be read as records at all (no customer_id column, a quote never closed): nothing of it is loaded. */
export class CsvError extends Error {
  readonly line: number;
  /** What is wrong, for a caller that says it in its own words. */
  readonly kind: 'open-quote' | 'no-customer-id';
  constructor(line: number, kind: CsvError['kind']) {
    super(`line ${line}: ${kind === 'open-quote' ? 'a quoted field is not closed before the end of the file' : 'the header must name a customer_id column'}`);
    this.name = 'CsvError';
    this.line = line;
    this.kind = kind;
  }
}

export async function* readCsv(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<CsvRow> {
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowLine = 1;
  let pendingCr = false;
  let any = false;
  for await (const text of chunks) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (pendingCr) {
        pendingCr = false;
        if (c === '\n') continue;
      }
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            // A quote at the end of a chunk may be the first of a doubled one: the next chunk says.
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (afterQuote && c === '"') {
        // The escaped quote was split across chunks.
        field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === '"' && field === '') {
        quoted = true;
        any = true;
      } else if (c === ',') {
        fields.push(field);
        field = '';
        any = true;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r') pendingCr = true;
        fields.push(field);
        if (any || fields.length > 1 || fields[0] !== '') yield { line: rowLine, fields };
        fields = [];
        field = '';
        any = false;
        line++;
        rowLine = line;
      } else {
        field += c;
        any = true;
      }
    }
  }
  if (quoted) throw new CsvError(rowLine, 'open-quote');
  if (any || field !== '' || fields.length > 0) {
    fields.push(field);
    yield { line: rowLine, fields };
  }
}

/**
 * The records of a CSV whose first row names the columns (one of them customer_id): each later
 * row by its header's names, empty fields left out. `skip` rows after the header are passed over
 * (an import resuming where it stopped). Throws CsvError when the header has no customer_id.
 */
export async function* readCsvRecords(chunks: AsyncIterable<string> | Iterable<string>, skip = 0): AsyncGenerator<CsvRecord> {
  let header: string[] | undefined;
  let seen = 0;
  for await (const row of readCsv(chunks)) {
    if (!header) {
      header = row.fields.map((h) => h.trim());
      if (!header.includes('customer_id')) throw new CsvError(row.line, 'no-customer-id');
      continue;
    }
    if (seen++ < skip) continue;
    const record: CsvRecord['record'] = { customer_id: '' };
    header.forEach((name, i) => {
      const value = row.fields[i];
      if (name && value !== undefined && value !== '') record[name] = value;
    });
    yield { line: row.line, record };
  }
}

/** A row the server refused, by the line of the file it came from. */
export interface RejectedLine { line: number; customer_id: string | null; reason: string }

/**
 * The rejected rows of one batch by their lines: `rejected` indexes the batch (as the load
 * answers it); a batch refused as a whole (`refusal`) rejects every row of it with that reason.
 */
export function rejectedLines(batch: readonly CsvRecord[], answer: { rejected: readonly { index: number; customer_id: string | null; reason: string }[] } | { refusal: string }): RejectedLine[] {
  if ('refusal' in answer) return batch.map((r) => ({ line: r.line, customer_id: r.record.customer_id || null, reason: answer.refusal }));
  return answer.rejected.map((r) => ({ line: batch[r.index]?.line ?? 0, customer_id: r.customer_id, reason: r.reason }));
}
