/** Semantic similarity of two sentences, answered with a bare label (formats.md §6). */
import type { Lang } from '../lang.ts';
import { joinNames, splitLines } from '../text.ts';
import { findNames, stripSpecialTokens } from './parse.ts';

export interface SimilarityInput {
  a: string;
  b: string;
}

export interface SimilarityOptions {
  /** Labels offered; defaults to Taiyi's pair for the language. */
  labels?: readonly string[];
}

export interface SimilarityResult {
  /** The offered label the answer names, or null. */
  label: string | null;
  unparsed: string[];
}

/** Taiyi's similarity labels per language. */
export const SIMILARITY_LABELS: Readonly<Record<Lang, readonly string[]>> = {
  en: ['dissimilar', 'similar'],
  zh: ['语义不相同', '语义相同'],
};

/** Short or negated ways of giving a default label: `不相同`, `相同`, `not similar`. */
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  不相同: '语义不相同',
  不同: '语义不相同',
  不相似: '语义不相同',
  不一致: '语义不相同',
  相同: '语义相同',
  相似: '语义相同',
  一致: '语义相同',
  'not similar': 'dissimilar',
  'not semantically similar': 'dissimilar',
  'not the same': 'dissimilar',
  different: 'dissimilar',
};

/** Builds Taiyi's similarity prompt. */
export function buildSimilarityPrompt(input: SimilarityInput, options: SimilarityOptions, lang: Lang): string {
  const labels = joinNames(options.labels ?? SIMILARITY_LABELS[lang], lang);
  return lang === 'zh'
    ? `语句1：${input.a}\n语句2：${input.b}\n请从下面选项中评估这段文本的语义相似度：${labels}`
    : `1. ${input.a}\n2. ${input.b}\nAssess the semantic similarity of the text pairs based on the following labels: ${labels}`;
}

/**
 * Reads the first offered label in the answer; the longer label wins where two overlap, so `dissimilar` is not
 * read as `similar`, nor `not similar` or `不相同` as the positive label. Without offered labels both languages' defaults are tried. Never throws.
 */
export function parseSimilarity(output: string, options: SimilarityOptions): SimilarityResult {
  const text = stripSpecialTokens(output).trim();
  const labels = options.labels ?? [...SIMILARITY_LABELS.en, ...SIMILARITY_LABELS.zh];
  const aliases = Object.keys(LABEL_ALIASES).filter((a) => labels.includes(LABEL_ALIASES[a]) && !labels.includes(a));
  const first = findNames(text, [...labels, ...aliases])[0];
  const label = first === undefined ? null : labels.includes(first) ? first : LABEL_ALIASES[first];
  return { label, unparsed: label === null && text ? splitLines(text).filter((l) => l.trim()) : [] };
}
