/**
 * The tasks a batch can run, on the options of their single-document tabs: each document is chunked as those
 * tabs chunk it, every chunk's answer parsed and located by the same core code, and the results merged.
 */
import { mergeSpans, type Chunk } from '../core/chunk';
import type { BatchDocument } from '../core/batch/documents';
import type { BatchResult } from '../core/batch/results';
import type { DocOutcome } from '../core/jobs';
import { buildClassifyPrompt, parseClassify } from '../core/tasks/classify';
import { buildNerPrompt, parseNer } from '../core/tasks/ner';
import { ENTITY_PRESETS, LABEL_PRESETS, RELATION_PRESETS } from '../core/tasks/presets';
import type { EntityPresetId, LabelPreset, LabelPresetId, NamePreset, RelationPreset, RelationPresetId } from '../core/tasks/presets';
import { buildQaPrompt, parseQa } from '../core/tasks/qa';
import { buildRePrompt, parseRe } from '../core/tasks/relations';
import { buildTitlePrompt, parseTitle } from '../core/tasks/title';
import { buildTranslatePrompt, directionFor, parseTranslation, type TranslationDirection } from '../core/tasks/translate';
import { entityKey, relationKey, uniqueBy } from '../core/text';
import type { ChatTurn } from '../engine/types';
import { offeredLabels, useClassify } from './classify';
import { entityTypes, locateInChunk, useEntities } from './entities';
import type { JobAnswer } from './jobAnswer';
import { useQa } from './qa';
import { relationTypes, useRelations } from './relations';
import { chunksFor, halve, promptLang, type LangMode } from './taskRun';
import { useTranslate } from './translate';

export const BATCH_TASKS = ['entities', 'relations', 'classify', 'qa', 'translate', 'title'] as const;
export type BatchTaskId = (typeof BATCH_TASKS)[number];

/** The options a job runs with, taken from the task's tab when the job is made (stored with the job). */
export type BatchOptions =
  | { task: 'entities'; langMode: LangMode; preset: EntityPresetId | ''; unchecked: string[]; freeTypes: string }
  | { task: 'relations'; langMode: LangMode; preset: RelationPresetId | ''; unchecked: string[]; freeTypes: string }
  | { task: 'classify'; langMode: LangMode; preset: LabelPresetId | ''; unchecked: string[]; freeLabels: string; multiLabel: boolean }
  /** `question` is asked of every document that has none of its own. */
  | { task: 'qa'; langMode: LangMode; format: 'free' | 'yesno'; question: string }
  | { task: 'translate'; direction: 'auto' | TranslationDirection }
  | { task: 'title'; langMode: LangMode };

/** The options of a task as its tab holds them now. */
export function currentOptions(task: BatchTaskId): BatchOptions {
  switch (task) {
    case 'entities': {
      const { langMode, preset, unchecked, freeTypes } = useEntities.getState();
      return { task, langMode, preset, unchecked, freeTypes };
    }
    case 'relations': {
      const { langMode, preset, unchecked, freeTypes } = useRelations.getState();
      return { task, langMode, preset, unchecked, freeTypes };
    }
    case 'classify': {
      const { langMode, preset, unchecked, freeLabels, multiLabel } = useClassify.getState();
      return { task, langMode, preset, unchecked, freeLabels, multiLabel };
    }
    case 'qa': {
      const { langMode, format, question } = useQa.getState();
      return { task, langMode, format: format === 'yesno' ? 'yesno' : 'free', question };
    }
    case 'translate':
      return { task, direction: useTranslate.getState().direction };
    case 'title':
      return { task, langMode: 'auto' };
  }
}

/** Why a job with these options cannot start (a translation key), or null. */
export function optionsProblem(o: BatchOptions): string | null {
  if (o.task === 'entities' && !entityTypes(o, 'en').length && !entityTypes(o, 'zh').length) return 'needTypes';
  if (o.task === 'relations' && !relationTypes(o, 'en').length && !relationTypes(o, 'zh').length) return 'needTypes';
  if (o.task === 'classify' && !offeredLabels(o, 'en').length && !offeredLabels(o, 'zh').length) return 'needLabels';
  return null;
}

/** A task's plan for one document: its prompt per chunk and what each answer adds to the result. */
interface Plan {
  chunked: boolean;
  build(text: string): string;
  read(chunk: Chunk, answer: string, into: BatchResult): void;
}

function planFor(o: BatchOptions, doc: BatchDocument): Plan {
  const lang = 'langMode' in o ? promptLang(o.langMode, doc.text) : 'en';
  switch (o.task) {
    case 'entities': {
      const options = { types: entityTypes(o, lang), aliases: o.preset ? (ENTITY_PRESETS[o.preset] as NamePreset).aliases : undefined };
      return {
        chunked: true,
        build: (text) => buildNerPrompt(text, options, lang),
        read(chunk, answer, into) {
          const parsed = parseNer(answer, options);
          const located = locateInChunk(chunk, parsed.entities);
          into.entities = mergeSpans([into.entities, located.spans.map(({ type, start, end, text }) => ({ type, start, end, text }))]);
          into.notFound = uniqueBy([...into.notFound, ...located.notFound], entityKey);
          into.unparsed.push(...parsed.unparsed);
        },
      };
    }
    case 'relations': {
      const preset: RelationPreset | undefined = o.preset ? RELATION_PRESETS[o.preset] : undefined;
      const options = { types: relationTypes(o, lang), entityKind: preset?.entityKind };
      return {
        chunked: true,
        build: (text) => buildRePrompt(text, options, lang),
        read(chunk, answer, into) {
          const parsed = parseRe(answer, options);
          const args = [...new Set(parsed.relations.flatMap((r) => [r.head, r.tail]))];
          const located = locateInChunk(chunk, args.map((a) => ({ type: 'argument', text: a })));
          into.relations = uniqueBy([...into.relations, ...parsed.relations], relationKey);
          into.entities = mergeSpans([into.entities, located.spans.map(({ type, start, end, text }) => ({ type, start, end, text }))]);
          into.notFound = uniqueBy([...into.notFound, ...located.notFound], entityKey);
          into.unparsed.push(...parsed.unparsed);
        },
      };
    }
    case 'classify': {
      const options = { labels: offeredLabels(o, lang), multiLabel: o.multiLabel, aliases: o.preset ? (LABEL_PRESETS[o.preset] as LabelPreset).aliases : undefined };
      return {
        chunked: false,
        build: (text) => buildClassifyPrompt(text.trim(), options, lang),
        read(_chunk, answer, into) {
          const parsed = parseClassify(answer, options);
          into.values.labels = parsed.labels;
          into.unparsed.push(...parsed.unparsed);
        },
      };
    }
    case 'qa': {
      const question = doc.question?.trim() || o.question.trim();
      const options = { format: o.format };
      return {
        chunked: false,
        build: (text) => buildQaPrompt({ question, context: text.trim() }, options, lang),
        read(_chunk, answer, into) {
          const parsed = parseQa(answer, options);
          into.values.question = question;
          into.values.answer = parsed.answer ?? '';
          into.unparsed.push(...parsed.unparsed);
        },
      };
    }
    case 'translate': {
      const direction = directionFor(doc.text, o.direction === 'auto' ? {} : { direction: o.direction });
      return {
        chunked: true,
        build: (text) => buildTranslatePrompt(text.trim(), { direction }),
        read(chunk, answer, into) {
          // paragraph breaks of the source survive chunking; Chinese needs no space between sentences
          const gap = /\s*$/.exec(chunk.text)![0];
          const sep = gap.includes('\n') ? gap : gap && direction === 'zh2en' ? ' ' : '';
          const parsed = parseTranslation(answer);
          into.values.translation = `${(into.values.translation as string | undefined) ?? ''}${parsed.text}${sep}`;
          into.unparsed.push(...parsed.unparsed);
        },
      };
    }
    case 'title':
      return {
        chunked: false,
        build: (text) => buildTitlePrompt(text.trim(), {}, lang),
        read(_chunk, answer, into) {
          const parsed = parseTitle(answer);
          into.values.title = parsed.title;
          into.unparsed.push(...parsed.unparsed);
        },
      };
  }
}

/** Whether a task needs a question (QA without one per document). */
export const needsQuestion = (o: BatchOptions, docs: readonly BatchDocument[]) => o.task === 'qa' && !o.question.trim() && docs.some((d) => !d.question?.trim());

type Ask = (turns: ChatTurn[], onText: (piece: string) => void) => Promise<JobAnswer>;

/**
 * Runs one document: its chunks in order (a chunk that still overflows the context is halved and retried, as
 * the single-document tabs do), each answer parsed into the result.
 */
export async function runBatchDocument(o: BatchOptions, doc: BatchDocument, ask: Ask, onText: (piece: string) => void): Promise<DocOutcome<BatchResult>> {
  const plan = planFor(o, doc);
  const queue: Chunk[] = plan.chunked ? chunksFor(doc.text, plan.build) : [{ text: doc.text, start: 0, end: doc.text.length }];
  const result: BatchResult = { entities: [], relations: [], values: {}, notFound: [], unparsed: [] };
  const raw: string[] = [];
  const usage = { promptTokens: 0, completionTokens: 0, generationMs: 0 };
  while (queue.length) {
    const chunk = queue.shift()!;
    if (raw.length) onText('\n\n');
    const answer = await ask([{ role: 'user', content: plan.build(chunk.text) }], onText);
    if (answer.kind === 'interrupted') return answer;
    if (answer.kind === 'failed') {
      const parts = answer.code === 'context-overflow' ? halve(chunk) : null;
      if (parts) {
        queue.unshift(...parts);
        continue;
      }
      return { kind: 'failed', raw, error: { code: answer.code, message: answer.message }, usage };
    }
    raw.push(answer.text);
    usage.promptTokens += answer.usage.promptTokens;
    usage.completionTokens += answer.usage.completionTokens;
    usage.generationMs += answer.usage.totalMs;
    plan.read(chunk, answer.text, result);
  }
  return { kind: 'done', raw, result, usage };
}
