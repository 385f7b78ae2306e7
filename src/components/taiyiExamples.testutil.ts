/** Taiyi's own prompt/answer pairs (README and training data), for tests that feed real answers to the UI. */
import { readFileSync } from 'node:fs';
import { dataPath } from '../../test-data/index.ts';

export interface TaiyiExample {
  task: string;
  lang: string;
  dataset?: string;
  human: string;
  assistant: string;
}

const lines = (file: string) =>
  readFileSync(dataPath(`taiyi/examples/${file}`), 'utf8')
    .split(/\r?\n(?=\{)/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** Every example: README pairs, then the training records' turns. */
export function taiyiExamples(): TaiyiExample[] {
  const readme: TaiyiExample[] = lines('readme-examples.jsonl');
  const training: TaiyiExample[] = lines('training-examples.jsonl').flatMap(
    (r: { category: string; dataset: string; language: string; conversation: { human: string; assistant: string }[] }) =>
      r.conversation.map((c) => ({ task: r.category, lang: r.language, dataset: r.dataset, human: c.human, assistant: c.assistant })),
  );
  return [...readme, ...training];
}

/** The example whose prompt starts with `prefix` (and optionally has the given task). */
export function example(prefix: string, task?: string): TaiyiExample {
  const found = taiyiExamples().find((e) => e.human.startsWith(prefix) && (!task || e.task === task));
  if (!found) throw new Error(`no Taiyi example starts with ${prefix}`);
  return found;
}

/** The line of a prompt that holds the text (the second line of Taiyi's NER and RE prompts). */
export const promptLine = (human: string, n = 1) => human.split(/\r?\n/)[n];
