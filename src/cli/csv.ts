// A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines inside
// quotes). It yields one row at a time with the line it started on, so a million-row file is
// read in constant memory and a bad row can be reported by its line number.

export interface CsvRow {
  line: number;
  fields: string[];
}

export async function* readCsv(chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<CsvRow> {
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowLine = 1;
  let pendingCr = false;
  let any = false;
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
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
          } else if (i + 1 === text.length) {
            // A quote at the end of a chunk: decide with the next chunk.
            quoted = false;
            afterQuote = true;
          } else {
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
  if (quoted) throw new Error(`line ${rowLine}: a quoted field is not closed before the end of the file`);
  if (any || field !== '' || fields.length > 0) {
    fields.push(field);
    yield { line: rowLine, fields };
  }
}
