/** Reading CSV (RFC 4180) and TSV: quoted fields may hold delimiters, quotes (doubled) and line breaks. */
import { AnnotationFormatError } from '../formats/types.ts';

export interface DelimitedRow {
  fields: string[];
  /** 1-based line the row starts on. */
  line: number;
}

/**
 * Splits delimited text into rows; blank lines are skipped.
 * @throws {AnnotationFormatError} on a quote that is never closed, with the line it opened on.
 */
export function parseDelimited(content: string, delimiter: ',' | '\t'): DelimitedRow[] {
  const text = content.replace(/^\uFEFF/, '');
  const rows: DelimitedRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let any = false;
  const endRow = () => {
    fields.push(field);
    if (any || fields.length > 1 || field !== '') rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      any = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) throw new AnnotationFormatError('a quoted field is never closed', quoteLine);
  if (field !== '' || fields.length) endRow();
  return rows;
}
