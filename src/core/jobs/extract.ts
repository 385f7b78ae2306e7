/**
 * One document through one task, engine-agnostic: build the prompts (one per chunk of a long text), have `ask` answer
 * each, and read the answers into located entities, relations, labels or an answer. Used by `npm run extract`; the
 * model call is the caller's, so any engine (or a test's stand-in) fits.
 */
import { alignMentions } from '../align.ts';
import { mergeSpans, type Chunk } from '../chunk.ts';
import { planChunks, type TokenCounter } from '../chunkPlan.ts';
import type { DocEntity, DocRelation } from '../formats/types.ts';
import type { Lang } from '../lang.ts';
import { buildClassifyPrompt, parseClassify, type ClassifyOptions } from '../tasks/classify.ts';
import { buildNerPrompt, parseNer, type NerOptions } from '../tasks/ner.ts';
import { buildQaPrompt, parseQa, type QaOptions } from '../tasks/qa.ts';
import { buildRePrompt, parseRe, type ReOptions } from '../tasks/relations.ts';

export type ExtractTask =
  | { task: 'entities'; options: NerOptions }
  | { task: 'relations'; options: ReOptions }
  | { task: 'classify'; options: ClassifyOptions }
  | { task: 'qa'; options: QaOptions };

export const EXTRACT_TASKS = ['entities', 'relations', 'classify', 'qa'] as const;

/** A document to run: its text, or for QA its question (and context in `text`). */
export interface ExtractInput {
  id: string;
  text: string;
  question?: string;
}

export interface Extraction {
  id: string;
  entities?: DocEntity[];
  relations?: DocRelation[];
  labels?: string[];
  answer?: string | null;
  /** Answer lines that yielded nothing, for a reader checking the model. */
  unparsed: string[];
  /** The raw answers, one per prompt. */
  raw: string[];
}

export interface ExtractSettings {
  lang: Lang;
  /** The model's context window and answer budget, to size chunks. */
  contextTokens: number;
  answerTokens: number;
  /** The model's tokenizer (a server's `/tokenize`), so chunks fit by its count; the estimate without it. */
  count?: TokenCounter | null;
}

/**
 * Runs one document: entities and relations chunk long texts (answers of every chunk are merged, entity spans at
 * document offsets); classification and QA ask once.
 * @throws whatever `ask` throws (the caller records it as the document's error)
 */
export async function extractDocument(
  doc: ExtractInput,
  job: ExtractTask,
  settings: ExtractSettings,
  ask: (prompt: string) => Promise<string>,
): Promise<Extraction> {
  const { lang } = settings;
  const chunks = async (build: (text: string) => string): Promise<Chunk[]> =>
    (
      await planChunks(doc.text, build, {
        contextTokens: settings.contextTokens,
        answerTokens: settings.answerTokens,
        count: settings.count,
      })
    ).chunks;
  const raw: string[] = [];
  const unparsed: string[] = [];
  const answer = async (prompt: string) => {
    const text = await ask(prompt);
    raw.push(text);
    return text;
  };
  switch (job.task) {
    case 'entities': {
      const build = (text: string) => buildNerPrompt(text, job.options, lang);
      const lists: DocEntity[][] = [];
      for (const chunk of await chunks(build)) {
        const parsed = parseNer(await answer(build(chunk.text)), job.options);
        unparsed.push(...parsed.unparsed);
        const aligned = alignMentions(chunk.text, parsed.entities);
        lists.push(aligned.spans.map(({ type, start, end, text }) => ({ type, start: start + chunk.start, end: end + chunk.start, text })));
      }
      return { id: doc.id, entities: mergeSpans(lists), unparsed, raw };
    }
    case 'relations': {
      const build = (text: string) => buildRePrompt(text, job.options, lang);
      const seen = new Map<string, DocRelation>();
      for (const chunk of await chunks(build)) {
        const parsed = parseRe(await answer(build(chunk.text)), job.options);
        unparsed.push(...parsed.unparsed);
        for (const r of parsed.relations) seen.set(JSON.stringify([r.type, r.head, r.tail]), { type: r.type, head: r.head, tail: r.tail });
      }
      return { id: doc.id, relations: [...seen.values()], unparsed, raw };
    }
    case 'classify': {
      const parsed = parseClassify(await answer(buildClassifyPrompt(doc.text, job.options, lang)), job.options);
      return { id: doc.id, labels: parsed.labels, unparsed: parsed.unparsed, raw };
    }
    case 'qa': {
      const input = { question: doc.question ?? doc.text, context: doc.question ? doc.text || undefined : undefined };
      const parsed = parseQa(await answer(buildQaPrompt(input, job.options, lang)), job.options);
      return { id: doc.id, answer: parsed.answer, unparsed: parsed.unparsed, raw };
    }
  }
}
