/**
 * One entry per model task of the app (every tab but the playground): how to build Taiyi's prompt and how
 * to read its answer. The tabs' own definitions (forms, plans of a run) are in `definitions/`. Every parser is
 * total (it never throws) and reports the answer lines it could not use in `unparsed`.
 */
import type { Lang } from '../lang.ts';
import type { TaskId } from './ids.ts';
import { buildClassifyPrompt, parseClassify } from './classify.ts';
import type { ClassifyOptions, ClassifyResult } from './classify.ts';
import { buildChatPrompt, parseChat } from './dialogue.ts';
import type { ChatInput, ChatOptions, ChatResult } from './dialogue.ts';
import { buildEventPrompt, parseEvents } from './events.ts';
import type { EventOptions, EventResult } from './events.ts';
import { buildNerPrompt, parseNer } from './ner.ts';
import type { NerOptions, NerResult } from './ner.ts';
import { buildQaPrompt, parseQa } from './qa.ts';
import type { QaInput, QaOptions, QaResult } from './qa.ts';
import { buildRePrompt, parseRe } from './relations.ts';
import type { ReOptions, ReResult } from './relations.ts';
import { buildSimilarityPrompt, parseSimilarity } from './similarity.ts';
import type { SimilarityInput, SimilarityOptions, SimilarityResult } from './similarity.ts';
import { buildTitlePrompt, parseTitle } from './title.ts';
import type { TitleOptions, TitleResult } from './title.ts';
import { buildTranslatePrompt, parseTranslation } from './translate.ts';
import type { TranslateOptions, TranslateResult } from './translate.ts';

export interface Task<Input, Options, Result extends { unparsed: string[] }> {
  /** Builds the prompt in the given language (translation follows its direction instead). */
  buildPrompt(input: Input, options: Options, lang: Lang): string;
  /** Parses raw model text. Never throws. */
  parse(output: string, options: Options): Result;
}

/** Input, options and result types of every task, by task id. */
export interface TaskTypes {
  entities: { input: string; options: NerOptions; result: NerResult };
  relations: { input: string; options: ReOptions; result: ReResult };
  events: { input: string; options: EventOptions; result: EventResult };
  classify: { input: string; options: ClassifyOptions; result: ClassifyResult };
  qa: { input: QaInput; options: QaOptions; result: QaResult };
  translate: { input: string; options: TranslateOptions; result: TranslateResult };
  title: { input: string; options: TitleOptions; result: TitleResult };
  similarity: { input: SimilarityInput; options: SimilarityOptions; result: SimilarityResult };
  chat: { input: ChatInput; options: ChatOptions; result: ChatResult };
}

/** The tasks that send Taiyi a prompt of their own. */
export type PromptTaskId = keyof TaskTypes & TaskId;

export type TaskRegistry = { [K in PromptTaskId]: Task<TaskTypes[K]['input'], TaskTypes[K]['options'], TaskTypes[K]['result']> };

export const TASKS: TaskRegistry = {
  entities: { buildPrompt: buildNerPrompt, parse: parseNer },
  relations: { buildPrompt: buildRePrompt, parse: parseRe },
  events: { buildPrompt: buildEventPrompt, parse: parseEvents },
  classify: { buildPrompt: buildClassifyPrompt, parse: parseClassify },
  qa: { buildPrompt: buildQaPrompt, parse: parseQa },
  translate: { buildPrompt: (input, options) => buildTranslatePrompt(input, options), parse: (output) => parseTranslation(output) },
  title: { buildPrompt: buildTitlePrompt, parse: (output) => parseTitle(output) },
  similarity: { buildPrompt: buildSimilarityPrompt, parse: parseSimilarity },
  chat: { buildPrompt: (input, options) => buildChatPrompt(input, options), parse: parseChat },
};

export { TASK_IDS, DEFAULT_TASK, isTaskId, type TaskId } from './ids.ts';
export type { Entity, NerOptions, NerResult } from './ner.ts';
export type { Relation, ReOptions, ReResult } from './relations.ts';
export type { EventArgument, EventOptions, EventResult, ExtractedEvent } from './events.ts';
export type { ClassifyOptions, ClassifyResult } from './classify.ts';
export type { QaFormat, QaInput, QaOptions, QaResult, YesNoMaybe } from './qa.ts';
export type { TranslateOptions, TranslateResult, TranslationDirection } from './translate.ts';
export type { TitleOptions, TitleResult } from './title.ts';
export type { SimilarityInput, SimilarityOptions, SimilarityResult } from './similarity.ts';
export type { ChatInput, ChatOptions, ChatResult, ChatTurn, ReportSection, Utterance } from './dialogue.ts';
export { renderNer } from './ner.ts';
export { renderRe } from './relations.ts';
export { renderEvents, CDEE_ROLES } from './events.ts';
export { renderClassify } from './classify.ts';
export { renderQa, parseChoice, parseYesNo } from './qa.ts';
export { directionFor } from './translate.ts';
export { SIMILARITY_LABELS } from './similarity.ts';
export { formatTaiyiConversation, truncateHistory, REPORT_SECTIONS, EOT } from './dialogue.ts';
export * from './presets.ts';
export { CMEIE_SCHEMAS, CMEIE_PREDICATES } from './cmeie-schema.ts';
export type { CmeieSchema } from './cmeie-schema.ts';
