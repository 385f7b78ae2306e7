/** Title generation for an abstract (formats.md §6). The answer is the bare title. */
import type { Lang } from '../lang.ts';
import { splitLines } from '../text.ts';
import { cleanItem, pickTemplate, stripSpecialTokens } from './parse.ts';

export interface TitleOptions {
  template?: number;
}

export interface TitleResult {
  title: string;
  /** Lines after the title: a title is one line, anything more is commentary. */
  unparsed: string[];
}

/** Taiyi's title prompts. */
export const TITLE_TEMPLATES: Readonly<Record<Lang, readonly ((t: string) => string)[]>> = {
  en: [(t) => `Output a title for the following abstract:\n${t}`, (t) => `Provide a title for the abstract:\n${t}`],
  zh: [(t) => `请给下面摘要起标题：\n${t}`],
};

/** Builds a title-generation prompt. */
export function buildTitlePrompt(abstract: string, options: TitleOptions, lang: Lang): string {
  return pickTemplate(TITLE_TEMPLATES[lang], options.template)(abstract);
}

/** Takes the first non-empty line as the title, without a `Title:` / `标题：` lead-in or quotes. Never throws. */
export function parseTitle(output: string): TitleResult {
  const lines = splitLines(stripSpecialTokens(output))
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const first = (lines[0] ?? '').replace(/^(?:title|标题|题目)\s*[:：]\s*/i, '');
  return { title: cleanItem(first), unparsed: lines.slice(1) };
}
