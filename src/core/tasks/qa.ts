/**
 * Question answering: free-form, multiple choice and yes/no/maybe with a context. No Taiyi template for
 * multiple choice or PubMedQA is public (formats.md §4), so these wordings are inferred and the parser is
 * lenient: an option letter, else the option whose text the answer contains, else yes/no/maybe (是/否/可能).
 */
import type { Lang } from '../lang.ts';
import { foldName, splitLines } from '../text.ts';
import { findNames, pickTemplate, stripSpecialTokens } from './parse.ts';

export type QaFormat = 'free' | 'choice' | 'yesno';
export type YesNoMaybe = 'yes' | 'no' | 'maybe';

export interface QaInput {
  question: string;
  /** PubMedQA-style context (the abstract without its conclusion). */
  context?: string;
}

export interface QaOptions {
  format: QaFormat;
  /** Multiple choice: option letter → option text, e.g. `{A: '2小时', B: '4小时内'}`. */
  choices?: Readonly<Record<string, string>>;
  template?: number;
}

export interface QaResult {
  /** Option letter, `yes` / `no` / `maybe`, or the free answer text; null when the answer names none. */
  answer: string | null;
  unparsed: string[];
}

type QaTemplate = (q: QaInput, options: string) => string;

const CHOICE_TEMPLATES: Readonly<Record<Lang, readonly QaTemplate[]>> = {
  en: [(q, o) => `Question: ${q.question}\nOptions:\n${o}\nAnswer with the letter of the correct option.`, (q, o) => `${q.question}\n${o}`],
  zh: [(q, o) => `问题：${q.question}\n选项：\n${o}\n请给出正确选项的字母。`, (q, o) => `${q.question}\n${o}`],
};

const YESNO_TEMPLATES: Readonly<Record<Lang, readonly QaTemplate[]>> = {
  en: [
    (q) => `Context: ${q.context ?? ''}\nQuestion: ${q.question}\nAnswer the question based on the context with yes, no or maybe.`,
    (q) => `${q.context ?? ''}\n${q.question}\nOptions: yes, no, maybe`,
  ],
  zh: [
    (q) => `背景：${q.context ?? ''}\n问题：${q.question}\n请根据背景回答：是、否或可能。`,
    (q) => `${q.context ?? ''}\n${q.question}\n选项：是，否，可能`,
  ],
};

/** Builds a QA prompt: options as `A. …` lines, PubMedQA contexts before the question. */
export function buildQaPrompt(input: QaInput, options: QaOptions, lang: Lang): string {
  if (options.format === 'choice') {
    const lines = Object.entries(options.choices ?? {})
      .map(([letter, text]) => `${letter}. ${text}`)
      .join('\n');
    return pickTemplate(CHOICE_TEMPLATES[lang], options.template)(input, lines);
  }
  if (options.format === 'yesno') return pickTemplate(YESNO_TEMPLATES[lang], options.template)(input, '');
  return input.context ? `${input.context}\n${input.question}` : input.question;
}

// Case-sensitive on purpose: "the answer is a drug" must not read as option A. A lower-case letter counts
// only when punctuation or the end follows it ("答案是e。").
const MARKED =
  /(?:[Aa]nswer|[Oo]ption|[Cc]hoice|答案|选项|选择|应选)(?:\s*(?:is|:|：|是|为|应为|应该是))*\s*[(（[]?(?:([A-Z])(?![A-Za-z])|([a-z])(?=$|[\s).）\]:：。，,、]*$|[).）\]。，,、]))/g;

/**
 * The option letter an answer gives, or null. A marked choice (`Answer: C`) or a leading letter wins; else
 * the option whose text the answer names; else a lone letter. An answer that names two options and marks
 * neither is not read as either.
 */
export function parseChoice(output: string, choices: Readonly<Record<string, string>>): string | null {
  // NFKC: a full-width `Ｅ` is E.
  const text = stripSpecialTokens(output).normalize('NFKC').trim();
  const letters = Object.keys(choices);
  const valid = (l: string | undefined) => (l && letters.includes(l.toUpperCase()) ? l.toUpperCase() : null);
  for (const m of text.matchAll(MARKED)) {
    const letter = valid(m[1] ?? m[2]);
    if (letter) return letter;
  }
  const lead = /^[(（[]?([A-Z]|[a-z](?=$|[).）\]:：.、]))(?:$|[).）\]:：、．,，\s])/.exec(text);
  const leadLetter = valid(lead?.[1]);
  // "A 45-year-old…" starts with an article, not an option: a bare leading letter counts only when
  // nothing or the option's own text follows it.
  if (leadLetter) {
    const rest = text.slice(lead![0].length).trim();
    const isArticle = /\s$/.test(lead![0]) && rest !== '' && !foldName(rest).startsWith(foldName(choices[leadLetter] ?? ''));
    if (!isArticle) return leadLetter;
  }
  const byText = findNames(text, Object.values(choices));
  if (byText.length) {
    const named = new Set(byText.map((t) => letters.find((l) => choices[l] === t)));
    return named.size === 1 ? ([...named][0] ?? null) : null;
  }
  const lone = new Set<string>();
  for (const m of text.matchAll(/(?<![A-Za-z])([A-Z])(?![A-Za-z])/g)) {
    const letter = valid(m[1]);
    if (letter && !(letter === 'A' && /^\s+[a-z]/.test(text.slice((m.index ?? 0) + 1)))) lone.add(letter);
  }
  return lone.size === 1 ? [...lone][0] : null;
}

const WORD: Readonly<Record<string, YesNoMaybe>> = {
  yes: 'yes',
  no: 'no',
  maybe: 'maybe',
  是: 'yes',
  是的: 'yes',
  对: 'yes',
  否: 'no',
  不是: 'no',
  不: 'no',
  可能: 'maybe',
  不确定: 'maybe',
};
const ZH_LEAD = /^(不确定|不是|是的|可能|否|是|对|不)(?=$|[，。,.！!；;：:、\s])/;
// "Answer: no", "the answer is maybe", "答案：是", "答案是否" → the value the answer is marked with.
const MARKED_YESNO =
  /(?:\banswer|\bdecision|\bconclusion|答案|回答|结论)(?:\s*(?:is|:|：|是|为|应为))*\s*[*_"“]*(yes|no|maybe|不确定|不是|是的|可能|否|是)(?![A-Za-z])/i;

// "There is no doubt that yes": idioms whose `no` is not the answer.
const NOT_AN_ANSWER = /\bno\s+(?:doubt|question|wonder|matter|longer|less|more|further|significant|evidence)\b|\bis\s+it\b|是否/gi;

/**
 * The yes/no/maybe (or 是/否/可能) an answer gives, or null. Only a value marked "Answer: …", the first word or
 * (in English) a yes/no/maybe of the first sentence outside quotation marks counts: a story that contains
 * `"Yes," said the girl` gives no answer, not a confident yes. Chinese counts only at the start (是 is also "is").
 */
export function parseYesNo(output: string): YesNoMaybe | null {
  const text = stripSpecialTokens(output)
    .replace(NOT_AN_ANSWER, (m) => ' '.repeat(m.length))
    .trim();
  const marked = MARKED_YESNO.exec(text);
  if (marked) return WORD[marked[1].toLowerCase()] ?? null;
  // Emphasis or a list marker may wrap the word; a quotation mark means speech, not the answer.
  const lead = text.replace(/^(?:[-*_#>]+\s*|\d+[.)]\s+)+/, '');
  const en = /^(yes|no|maybe)(?![A-Za-z'’-])/i.exec(lead);
  if (en) return WORD[en[1].toLowerCase()];
  const zh = ZH_LEAD.exec(lead);
  if (zh) return WORD[zh[1]];
  const first = (lead.split(/(?<=[.!?])\s|\n/)[0] ?? '').replace(/["“][^"”]*["”]?/g, ' ');
  const inFirst = /\b(yes|no|maybe)\b/i.exec(first);
  return inFirst ? WORD[inFirst[1].toLowerCase()] : null;
}

/** Parses a QA answer according to its format. Never throws. */
export function parseQa(output: string, options: QaOptions): QaResult {
  const text = stripSpecialTokens(output).trim();
  const answer =
    options.format === 'choice' ? parseChoice(text, options.choices ?? {}) : options.format === 'yesno' ? parseYesNo(text) : text || null;
  const unparsed = answer === null && text ? splitLines(text).filter((l) => l.trim()) : [];
  return { answer, unparsed };
}

/** Writes an answer the way the parser reads it: `C. option text`, or yes/no/maybe (是/否/可能 in Chinese). */
export function renderQa(answer: string, options: QaOptions, lang: Lang): string {
  if (options.format === 'choice') return `${answer}. ${options.choices?.[answer] ?? ''}`.trim();
  if (options.format === 'yesno' && lang === 'zh') return { yes: '是', no: '否', maybe: '可能' }[answer] ?? answer;
  return answer;
}
