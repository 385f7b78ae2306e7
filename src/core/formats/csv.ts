/** CSV exports (RFC 4180): one row per entity, or one row per relation, with the document id. */
import type { AnnotatedDocument } from './types.ts';

/**
 * A text cell that a spreadsheet would run as a formula starts with one of these (OWASP, "CSV Injection"). Text
 * from imported files and from the model reaches these cells, so a crafted `=cmd|' /C calc'!A0` must stay text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: a text that could start a formula gets a leading `'` (spreadsheets show it as text); a field
 * holding a comma, quote, line break or that prefix is quoted (RFC 4180). Numbers are written as they are.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const formula = FORMULA_START.test(value);
  const s = formula ? `'${value}` : value;
  return formula || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (fields: (string | number)[]) => fields.map(csvField).join(',');

/** `document,type,start,end,text,identifiers`, identifiers joined by `|`. */
export function entitiesToCsv(docs: readonly AnnotatedDocument[]): string {
  const rows = [row(['document', 'type', 'start', 'end', 'text', 'identifiers'])];
  for (const d of docs) for (const e of d.entities) rows.push(row([d.id, e.type, e.start, e.end, e.text, (e.identifiers ?? []).join('|')]));
  return rows.join('\r\n') + '\r\n';
}

/** `document,type,head,tail`. */
export function relationsToCsv(docs: readonly AnnotatedDocument[]): string {
  const rows = [row(['document', 'type', 'head', 'tail'])];
  for (const d of docs) for (const r of d.relations) rows.push(row([d.id, r.type, r.head, r.tail]));
  return rows.join('\r\n') + '\r\n';
}
