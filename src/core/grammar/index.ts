/**
 * Answer grammars for grammar-constrained decoding: one tree per task and options, written in both dialects so
 * any engine (WebLLM's xgrammar, llama.cpp in wllama, an OpenAI-compatible server) takes the one it reads.
 */
import type { Lang } from '../lang.ts';
import type { PromptTaskId as TaskId, TaskTypes } from '../tasks/index.ts';
import type { Grammar } from './ast.ts';
import { classifyGrammar, eventsGrammar, nerGrammar, qaGrammar, reGrammar, similarityGrammar } from './tasks.ts';
import { writeGrammar } from './write.ts';

/** A task's answer grammar in both dialects: serialisable, engine-neutral. */
export interface TaskGrammar {
  /** xgrammar EBNF (WebLLM `response_format: { type: 'grammar' }`, vLLM). */
  ebnf: string;
  /** llama.cpp GBNF (wllama, llama-server `grammar`). */
  gbnf: string;
}

type GrammarFor<K extends TaskId> = (options: TaskTypes[K]['options'], lang: Lang) => Grammar | null;

/** The task whose answers have a fixed format, with the grammar of that format (null: nothing to constrain). */
const GRAMMARS: { [K in TaskId]?: GrammarFor<K> } = {
  entities: (o, lang) => (o.types.length ? nerGrammar(o, lang) : null),
  relations: (o, lang) => (o.types.length ? reGrammar(o, lang) : null),
  events: (o, lang) => (lang === 'zh' || o.eventTypes.length ? eventsGrammar(o, lang) : null),
  classify: (o, lang) => (o.labels.length ? classifyGrammar(o, lang) : null),
  qa: qaGrammar,
  similarity: similarityGrammar,
};

/** The answer grammar tree of a task run, or null for free text (translation, titles, chat, free QA). */
export function grammarTree<K extends TaskId>(task: K, options: TaskTypes[K]['options'], lang: Lang): Grammar | null {
  const build = GRAMMARS[task] as GrammarFor<K> | undefined;
  return build ? build(options, lang) : null;
}

/** Whether a task's answers have a format to constrain to (so the setting applies to it). */
export const hasGrammar = (task: string): boolean => Object.hasOwn(GRAMMARS, task);

/** The answer grammar of a task run in both dialects, or null when its answer is free text. */
export function taskGrammar<K extends TaskId>(task: K, options: TaskTypes[K]['options'], lang: Lang): TaskGrammar | null {
  const tree = grammarTree(task, options, lang);
  if (!tree) return null;
  const comment = `Taiyi ${task} answer (${lang})`;
  return { ebnf: writeGrammar(tree, 'ebnf', comment), gbnf: writeGrammar(tree, 'gbnf', comment) };
}

export type { Grammar, GNode } from './ast.ts';
export { writeGrammar, type Dialect } from './write.ts';
