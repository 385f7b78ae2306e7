/** CSV exports (RFC 4180): one row per entity, or one row per relation, with the document id. */
import type { AnnotatedDocument } from './types.ts';

/** Quotes a field when it holds a comma, quote or line break. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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
