/**
 * Question answering: PubMedQA (yes/no/maybe with the abstract as context) and MedQA multiple choice,
 * USMLE (English) and MCMLE (Chinese). No Taiyi template for these is public; see tasks/qa.ts.
 */
import { taskGrammar } from '../grammar/index.ts';
import { detectLanguage } from '../lang.ts';
import { buildQaPrompt, parseQa, renderQa } from '../tasks/qa.ts';
import { isRecord, objectKeys, parseJson, parseRecords, single } from './io.ts';
import { BenchmarkInputError } from './types.ts';
import type { BenchmarkDataset, BenchmarkExample, InputFile } from './types.ts';

const ANSWERS = new Set(['yes', 'no', 'maybe']);
const PUBMEDQA_FILES = 'ori_pqal.json and test_ground_truth.json';

/** Tells ori_pqal.json (records with QUESTION) from test_ground_truth.json (pmid → answer). */
function pubmedqaFiles(files: readonly InputFile[]) {
  let pqal: { file: InputFile; data: Record<string, unknown> } | undefined;
  let truth: { file: InputFile; data: Record<string, unknown> } | undefined;
  for (const file of files) {
    const data = parseJson(file);
    const first = isRecord(data) ? Object.values(data)[0] : undefined;
    if (isRecord(data) && isRecord(first) && 'QUESTION' in first) pqal = { file, data };
    else if (isRecord(data) && typeof first === 'string') truth = { file, data };
    else throw new BenchmarkInputError(file.path, 1, `neither ori_pqal.json nor test_ground_truth.json: wrong file for pubmedqa?`);
  }
  if (!pqal || !truth || files.length !== 2)
    throw new BenchmarkInputError(files[0]?.path ?? '(no input)', undefined, `pubmedqa takes two input files: ${PUBMEDQA_FILES}`);
  return { pqal, truth };
}

export const pubmedqa: BenchmarkDataset = {
  name: 'pubmedqa',
  title: 'PubMedQA',
  task: 'qa',
  metric: 'accuracy',
  lang: 'en',
  files: PUBMEDQA_FILES,
  load(files) {
    const { pqal, truth } = pubmedqaFiles(files);
    const pqalLines = new Map(objectKeys(pqal.file.content.replace(/^\uFEFF/, '')).map((k) => [k.key, k.line]));
    // Only the items the ground truth names form the test set, in its order.
    const examples = objectKeys(truth.file.content.replace(/^\uFEFF/, '')).map(({ key: pmid, line }): BenchmarkExample => {
      const answer = truth.data[pmid];
      if (typeof answer !== 'string' || !ANSWERS.has(answer))
        throw new BenchmarkInputError(truth.file.path, line, `answer for ${pmid} must be yes, no or maybe`);
      const item = pqal.data[pmid];
      if (!isRecord(item)) throw new BenchmarkInputError(truth.file.path, line, `PMID ${pmid} is not in ${pqal.file.path}`);
      const question = item.QUESTION;
      const contexts = item.CONTEXTS;
      if (typeof question !== 'string' || !Array.isArray(contexts))
        throw new BenchmarkInputError(pqal.file.path, pqalLines.get(pmid), `PMID ${pmid} needs QUESTION and CONTEXTS`);
      const prompt = buildQaPrompt({ question, context: contexts.map(String).join(' ') }, { format: 'yesno' }, 'en');
      return { id: pmid, dataset: 'pubmedqa', prompt, gold: { answer } };
    });
    return { examples, warnings: [] };
  },
  predict(_example, output) {
    return { answer: parseQa(output, { format: 'yesno' }).answer ?? '' };
  },
  render(example) {
    return 'answer' in example.gold ? renderQa(example.gold.answer, { format: 'yesno' }, 'en') : '';
  },
  grammar: () => taskGrammar('qa', { format: 'yesno' }, 'en'),
};

/** Options as `{A: text}`, also from the `[{key, value}]` variant of some MedQA copies. */
function optionsOf(raw: unknown): Record<string, string> | undefined {
  if (Array.isArray(raw)) {
    const entries = raw.filter(isRecord).map((o) => [String(o.key), String(o.value)] as const);
    return entries.length === raw.length && entries.length ? Object.fromEntries(entries) : undefined;
  }
  if (!isRecord(raw)) return undefined;
  const entries = Object.entries(raw).filter(([k, v]) => /^[A-Z]$/.test(k) && typeof v === 'string');
  return entries.length >= 2 ? Object.fromEntries(entries as [string, string][]) : undefined;
}

function medqa(name: 'medqa-usmle' | 'medqa-mcmle', title: string, lang: 'en' | 'zh'): BenchmarkDataset {
  const expected = `test.jsonl (MedQA ${lang === 'en' ? 'US' : 'Mainland'})`;
  return {
    name,
    title,
    task: 'qa',
    metric: 'accuracy',
    lang,
    files: expected,
    load(files) {
      const file = single(files, name, expected);
      const examples = parseRecords(file).map(({ value, line }, index): BenchmarkExample => {
        const choices = isRecord(value) ? optionsOf(value.options) : undefined;
        if (!isRecord(value) || typeof value.question !== 'string' || !choices)
          throw new BenchmarkInputError(file.path, line, `expected a {question, options, answer_idx} record: wrong file for ${name}?`);
        const byText = Object.keys(choices).find((k) => choices[k] === value.answer);
        const answer = typeof value.answer_idx === 'string' && value.answer_idx in choices ? value.answer_idx : byText;
        if (!answer)
          throw new BenchmarkInputError(file.path, line, 'answer_idx is not one of the options, and no option has the answer text');
        // USMLE and MCMLE share one schema; the language tells the files apart.
        if (index === 0 && detectLanguage(value.question) !== lang)
          throw new BenchmarkInputError(
            file.path,
            line,
            `questions are in ${lang === 'en' ? 'Chinese' : 'English'}: wrong file for ${name}?`,
          );
        const prompt = buildQaPrompt({ question: value.question }, { format: 'choice', choices }, lang);
        return { id: String(index), dataset: name, prompt, gold: { answer }, choices };
      });
      return { examples, warnings: [] };
    },
    predict(example, output) {
      return { answer: parseQa(output, { format: 'choice', choices: example.choices ?? {} }).answer ?? '' };
    },
    render(example) {
      return 'answer' in example.gold ? renderQa(example.gold.answer, { format: 'choice', choices: example.choices }, lang) : '';
    },
    grammar: (example) => taskGrammar('qa', { format: 'choice', choices: example.choices }, lang),
  };
}

export const medqaUsmle = medqa('medqa-usmle', 'MedQA-USMLE', 'en');
export const medqaMcmle = medqa('medqa-mcmle', 'MedQA-MCMLE', 'zh');
