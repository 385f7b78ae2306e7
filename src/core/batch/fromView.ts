/**
 * A task's result view as a batch keeps it for lists and exports: located spans, relations, and the answers that
 * are not spans. Read from the view's shape (the fields the task definitions share), so a new task needs no entry.
 */
import type { DocEntity, DocRelation } from '../formats/types.ts';
import type { BatchResult } from './results.ts';

interface ViewFields {
  spans?: { type: string; start: number; end: number; text: string; ref?: string }[];
  rows?: { type: string; head: string; tail: string }[];
  notFound?: (string | { type: string; text: string })[];
  unparsed?: string[];
  labels?: string[];
  answer?: string | null;
  title?: string;
  parts?: string[];
  events?: unknown[];
}

export function batchResult(view: unknown): BatchResult {
  const v = (view ?? {}) as ViewFields;
  const entities: DocEntity[] = (v.spans ?? []).map(({ type, start, end, text, ref }) => ({
    type,
    start,
    end,
    text,
    ...(ref ? { identifiers: ref.split('|') } : {}),
  }));
  const relations: DocRelation[] = (v.rows ?? []).map(({ type, head, tail }) => ({ type, head, tail }));
  const values: BatchResult['values'] = {};
  if (v.labels) values.labels = v.labels;
  if (v.answer !== undefined) values.answer = v.answer ?? '';
  if (v.title !== undefined) values.title = v.title;
  if (v.parts) values.translation = v.parts.join('').trim();
  if (v.events) values.events = v.events.map((e) => JSON.stringify(e));
  return {
    entities,
    relations,
    values,
    notFound: (v.notFound ?? []).map((m) => (typeof m === 'string' ? { type: 'argument', text: m } : { type: m.type, text: m.text })),
    unparsed: v.unparsed ?? [],
  };
}
