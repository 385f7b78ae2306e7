/**
 * Text classification, single- and multi-label (formats.md §5). Answers: `Result: a; b` in English,
 * `上述文本被分类为：a` in Chinese. Labels outside the offered set are ignored.
 */
import type { Lang } from '../lang.ts';
import { foldName, joinNames, splitLines } from '../text.ts';
import { cleanItem, cleanLine, findNames, foldedNames, isNone, pickTemplate, splitKeyValue, stripSpecialTokens } from './parse.ts';

export interface ClassifyOptions {
  /** Labels offered in the prompt, spelled as the result should use them. */
  labels: readonly string[];
  /** Several labels may apply (LitCovid, HoC). Otherwise only the first label found is kept. */
  multiLabel?: boolean;
  /** Other spellings of a label (`疾病表述` → `疾病描述`). */
  aliases?: Readonly<Record<string, string>>;
  template?: number;
}

export interface ClassifyResult {
  labels: string[];
  unparsed: string[];
}

type ClassifyTemplate = (text: string, labels: string) => string;

/** Taiyi's trained classification prompts (README, training data, LitCovid slide). */
export const CLASSIFY_TEMPLATES: Readonly<Record<Lang, readonly ClassifyTemplate[]>> = {
  en: [
    (text, labels) => `Document triage: "${text}"\nLabels: ${labels}`,
    (text, labels) => `Classify the following text into the specified text label: "${text}"\nText Labels: ${labels}`,
    (text, labels) => `Classify the following text into the given labels：\n ${text}\nLabel Types: ${labels}`,
    (text, labels) => `Document triage: ${text}\nLabels: ${labels}`,
  ],
  zh: [
    (text, labels) => `现有以下文本：\n${text}\n请将上述文本分类至指定类别中：${labels}`,
    (text, labels) => `请将下述句子划分到预定义的类别中：“${text}”\n类型选项：${labels}`,
    (text, labels) => `${text}\n上述文本分类到指定类别中：${labels}`,
    (text, labels) => `现有以下文本：“${text}”\n请将上述文本分类至指定类别中：${labels}`,
  ],
};

/** Builds Taiyi's classification prompt. */
export function buildClassifyPrompt(text: string, options: ClassifyOptions, lang: Lang): string {
  return pickTemplate(CLASSIFY_TEMPLATES[lang], options.template)(text, joinNames(options.labels, lang));
}

const RESULT_KEY =
  /^(?:results?|labels?|answer|category|class(?:ification)?|类别|分类结果|结果|答案|上述(?:文本|句子)?被?分类为|.*分类为)$/i;

/** Maps every label named in a piece of text to its canonical spelling, in order of appearance. */
function labelsIn(s: string, options: ClassifyOptions): string[] {
  const canonical = foldedNames(options.labels, options.aliases);
  const out: string[] = [];
  for (const item of s.split(/[;；,，、]/)) {
    const exact = canonical.get(foldName(cleanItem(item)));
    const found = exact ? [exact] : findNames(item, [...canonical.keys()]).map((n) => canonical.get(n) ?? n);
    for (const label of found) if (!out.includes(label)) out.push(label);
  }
  return out;
}

/**
 * Parses a classification answer. Reads the value after `Result:` / `上述文本被分类为：` (or the whole line),
 * splits on `;`, `；`, `,`, `、`, and keeps offered labels (case- and width-insensitive). Never throws.
 */
export function parseClassify(output: string, options: ClassifyOptions): ClassifyResult {
  const lines = splitLines(stripSpecialTokens(output))
    .map(cleanLine)
    .filter((l) => l !== '');
  const keyed = lines.map((line) => {
    const kv = splitKeyValue(line);
    return kv && RESULT_KEY.test(kv.key.trim()) ? kv.value : null;
  });
  // Once the answer has a `Result:` line, prose around it is commentary, not labels.
  const anyKeyed = keyed.some((v) => v !== null);
  const labels: string[] = [];
  const unparsed: string[] = [];
  lines.forEach((line, i) => {
    const value = keyed[i] ?? (anyKeyed ? null : line);
    const found = value === null ? [] : labelsIn(value, options);
    for (const label of found) if (!labels.includes(label)) labels.push(label);
    if (found.length === 0 && !(value !== null && (value === '' || isNone(value)))) unparsed.push(line);
  });
  return { labels: options.multiLabel ? labels : labels.slice(0, 1), unparsed };
}

/** Writes labels in Taiyi's answer format; no label is written as `none` / `无`. */
export function renderClassify(labels: readonly string[], lang: Lang): string {
  const value = labels.length ? labels.join('; ') : lang === 'zh' ? '无' : 'none';
  return lang === 'zh' ? `上述文本被分类为：${value}` : `Result: ${value}`;
}
