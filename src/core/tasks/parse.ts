/**
 * Building blocks of the answer parsers. Everything here is total: malformed input yields empty results,
 * never an exception, because model output is arbitrary text.
 */
import { foldForMatch } from '../normalize.ts';
import { foldName } from '../text.ts';

/** Picks a prompt template by index, falling back to the first one for an out-of-range index. */
export function pickTemplate<T>(list: readonly T[], index: number | undefined): T {
  return list[index ?? 0] ?? list[0];
}

/** Removes end-of-text markers an engine may leave in the streamed text. */
export function stripSpecialTokens(output: string): string {
  return output.replace(/<\|endoftext\|>|<\|im_end\|>|<\|im_start\|>|<eod>|<\/s>/g, '');
}

/**
 * Trims a line and drops list decoration the model sometimes adds (`- `, `* `, `• `, `1. `, `1、`, `**`).
 * A numbered prefix is only removed when text follows it, so a bare `1.` mention survives.
 */
export function cleanLine(line: string): string {
  return line
    .trim()
    .replace(/^(?:[-*•·]\s+|\d{1,2}[.、)]\s*(?=\S))/, '')
    .replace(/\*\*/g, '')
    .trim();
}

/** Splits `key: value` at the first ASCII or full-width colon. Returns null when there is no key. */
export function splitKeyValue(line: string): { key: string; value: string } | null {
  const m = /[:：]/.exec(line);
  if (!m) return null;
  const key = line.slice(0, m.index).trim();
  if (!key) return null;
  return { key, value: line.slice(m.index + 1).trim() };
}

const QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['「', '」'],
  ['『', '』'],
  ['《', '》'],
];

/** Trims an extracted item and removes wrapping quotes and a sentence-final full stop. */
export function cleanItem(item: string): string {
  let s = item.trim();
  for (let changed = true; changed && s.length > 1;) {
    changed = false;
    for (const [open, close] of QUOTES) {
      if (s.startsWith(open) && s.endsWith(close) && s.length >= open.length + close.length) {
        s = s.slice(open.length, s.length - close.length).trim();
        changed = true;
      }
    }
  }
  // A final stop belongs to the answer sentence, not to the mention (mentions are copied from the text).
  if (/[。．]$/.test(s) || (/[^.]\.$/.test(s) && s.length > 2)) s = s.slice(0, -1).trimEnd();
  return s;
}

const NONE = /^(?:无|没有|暂无|不存在|未发现|未找到|none|null|nil|n\/?a|no|nothing|not found|not mentioned|no entit(?:y|ies)|-+)$/i;
// `未提及`, `无相关实体`, `文中未发现疾病实体`: a denial, optionally naming what is absent; a bare `无发热` is a
// CMeEE symptom, so only words like 实体 / 内容 may follow the absent thing.
const NONE_ZH =
  /^(?:(?:上述|该|此|本)?(?:文本|句子|段落|原文|文中|输入)中?)?(?:均|并|都)?(?:无|没有|暂无|不存在|未(?:发现|找到|提及|提到|识别到?|识别出|检出|涉及|包含|出现))(?:(?:任何|相关|明确|其他|此类|该类|这类|指定|上述)的?)*(?:[一-鿿]{0,8}?(?:实体|类型|内容|信息|名称|关系|实体对))?$/;
// `None found`, `no chemicals mentioned`, `No chemical entities were identified in the text`.
const NONE_EN =
  /^(?:(?:none|nothing)(?: (?:was |were )?(?:found|mentioned|identified|detected|present|extracted))?|(?:there (?:are|is|were|was) )?no (?:[\w-]+ ){0,4}?(?:(?:entit(?:y|ies)|mentions?|relations?|pairs?|labels?)(?: (?:were|was|are|is|have been|has been))?(?: (?:found|mentioned|identified|detected|present|extracted|recognized))?|(?:[\w-]+)(?: (?:were|was|are|is|have been|has been))? (?:found|mentioned|identified|detected|present|extracted|recognized))(?: in (?:the|this) (?:given )?(?:text|sentence|passage|abstract|document|input))?|(?:the|this) (?:given )?(?:text|sentence|passage|abstract|document|input) (?:does not|doesn't|did not) (?:mention|contain|include|have|name)\b.*|i (?:could not|couldn't|cannot|can't|did not|didn't) (?:find|identify|detect)\b.*)$/i;

/**
 * True for placeholders that mean "nothing here" (`无`, `None`, `N/A`, `未提及`, `None found`, `The text does
 * not mention any chemical.`). Callers apply it to a whole right-hand side or a whole answer, never to one
 * item of a list, where `NO` is nitric oxide and `Na` sodium.
 */
export function isNone(s: string): boolean {
  const t = s
    .trim()
    .replace(/^[(（]\s*(.*?)\s*[)）]$/, '$1')
    .replace(/[\s。.！!，,；;]+$/, '');
  return NONE.test(t) || NONE_ZH.test(t) || NONE_EN.test(t);
}

/**
 * Where the input text is known, it decides readings a list alone cannot: a placeholder-looking answer that
 * is a real abbreviation there (`NO`), and whether `a, b` is one mention or two.
 */
export class SourceText {
  private readonly folded: string;
  constructor(readonly text: string) {
    this.folded = foldForMatch(text);
  }
  /** True when the string occurs in the text, compared on the folded form (case, width, spacing). */
  has(s: string): boolean {
    const key = foldForMatch(s);
    return key !== '' && this.folded.includes(key);
  }
  /** True when the string occurs with this exact spelling as a whole word. */
  hasWord(s: string): boolean {
    for (let i = this.text.indexOf(s); i >= 0; i = this.text.indexOf(s, i + 1)) {
      const before = i > 0 && /[\p{L}\p{N}]/u.test(this.text[i - 1]);
      const after = /[\p{L}\p{N}]/u.test(this.text[i + s.length] ?? '');
      if (!before && !after) return true;
    }
    return false;
  }
}

/** True when a whole right-hand side means "nothing"; an all-capital `NO` / `NA` the text has is a name. */
export function isNoneValue(value: string, source?: SourceText): boolean {
  if (!isNone(value)) return false;
  const v = value.trim();
  return !(source && /^[A-Z][A-Za-z]?$/.test(v) && source.hasWord(v));
}

/**
 * Splits a `; `- or `；`-joined list into cleaned, non-empty items. A list without semicolons may be joined
 * with `, `, `、` or `，`; it is split there only when the source text has every piece and not the joined
 * string (`Na, K` → two; `Rho, Rac` stays split, `bleeding, not otherwise specified` does not).
 */
export function splitItems(value: string, source?: SourceText): string[] {
  let items = value
    .split(/[;；]/)
    .map(cleanItem)
    .filter((s) => s !== '');
  if (source && items.length === 1 && /、|，|, /.test(items[0]) && !source.has(items[0])) {
    const pieces = items[0]
      .split(/、|，|, /)
      .map(cleanItem)
      .filter((s) => s !== '');
    if (pieces.length > 1 && pieces.every((p) => source.has(p))) items = pieces;
  }
  return items;
}

/** What the entity and relation parsers are told: the names offered in the prompt and how the answer ended. */
export interface ParseOptions {
  /** Types offered in the prompt, spelled as the answer should use them (entity types, relation types). */
  types: readonly string[];
  /** Other names the model may use for a type (`身体部位` → `身体`). */
  aliases?: Readonly<Record<string, string>>;
  /** Index into the task's prompt templates for the language; 0 is the default (Taiyi's README wording). */
  template?: number;
  /** Generation hit the token limit (finish reason `length`): the cut-off last mention or pair is dropped and noted. */
  truncated?: boolean;
}

/** A note about how an answer was read, for the run's notes. */
export type ParseNote = {
  /** Generation stopped at the token limit: the cut-off last mention or pair was dropped. */
  kind: 'truncated';
  /** The dropped text (empty when the answer happened to end on a separator). */
  dropped: string;
};

/**
 * What a reading left out of an answer cut off at the token limit (the half-written tail), for a result's list of
 * answer text it could not read: shown, never taken for a mention.
 */
export const droppedText = (notes: readonly ParseNote[] | undefined): string[] =>
  (notes ?? []).filter((n) => n.kind === 'truncated' && n.dropped).map((n) => n.dropped);

/**
 * An answer cut off by the token limit: drops the unfinished tail after the last separator (`;`, a line
 * break, `]` for pairs, …) so a half-written mention is not read as whole. Returns the kept text and a note.
 */
export function cutTruncated(output: string, separators: RegExp): { kept: string; note: ParseNote } {
  let cut = -1;
  for (const m of output.matchAll(separators)) cut = (m.index ?? 0) + m[0].length;
  const kept = cut < 0 ? '' : output.slice(0, cut);
  return { kept, note: { kind: 'truncated', dropped: output.slice(Math.max(cut, 0)).trim() } };
}

/** Removes a Markdown code fence and parses the answer as JSON when it is shaped like JSON; else undefined. */
export function parseJsonAnswer(output: string): unknown {
  const t = output
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '')
    .trim();
  if (!/^[[{]/.test(t) || !/[\]}]$/.test(t)) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** The first string-valued field of an object among the given names (case-insensitive keys). */
export function field(record: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const [k, v] of Object.entries(record))
    if (names.includes(k.toLowerCase()) && (typeof v === 'string' || typeof v === 'number')) return String(v);
  return undefined;
}

/** A top-level bracketed group `[…]` or `【…】` with its inner text. */
export interface BracketGroup {
  inner: string;
  start: number;
  end: number;
}

/**
 * Finds top-level `[…]` / `【…】` groups (or, given other delimiters, `(…)` groups); nested brackets stay inside
 * their group. Unclosed groups are ignored.
 */
export function bracketGroups(s: string, open = '[【', close = ']】'): BracketGroup[] {
  const groups: BracketGroup[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (open.includes(c)) {
      if (depth === 0) start = i;
      depth++;
    } else if (close.includes(c) && depth > 0) {
      depth--;
      if (depth === 0) groups.push({ inner: s.slice(start + 1, i), start, end: i + 1 });
    }
  }
  return groups;
}

const PAIR_SEPARATORS = [', ', '，', ',', '、'];

/** Splits the inside of `[S, P, O]` into three items on the first separator kind that gives exactly three. */
export function splitTriple(inner: string): [string, string, string] | null {
  for (const sep of PAIR_SEPARATORS) {
    const parts = inner.split(sep).map(cleanItem);
    if (parts.length === 3 && parts.every((p) => p)) return parts as [string, string, string];
  }
  return null;
}

/**
 * Splits the inside of `[A, B]` into two items. Taiyi writes `, `; some answers use `，` or a bare comma.
 * The first separator of the most canonical kind wins, so `[2,3-dichlorophenol, liver damage]` splits right.
 */
export function splitPair(inner: string): [string, string] | null {
  for (const sep of PAIR_SEPARATORS) {
    const i = inner.indexOf(sep);
    if (i < 0) continue;
    const a = cleanItem(inner.slice(0, i));
    const b = cleanItem(inner.slice(i + sep.length));
    if (a && b) return [a, b];
  }
  return null;
}

const LATIN_WORD = /[a-z0-9]/;

/**
 * Finds which of the given names occur in a text, in order of appearance, each once. Matching is on folded
 * forms; Latin names must sit on word boundaries, and where two candidates overlap the longer wins
 * (so `dissimilar` is not also read as `similar`).
 */
export function findNames(text: string, names: readonly string[]): string[] {
  const hay = foldName(text);
  const hits: { start: number; end: number; name: string }[] = [];
  for (const name of names) {
    const needle = foldName(name);
    if (!needle) continue;
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      const before = LATIN_WORD.test(needle[0]) && i > 0 && LATIN_WORD.test(hay[i - 1]);
      const after = LATIN_WORD.test(needle[needle.length - 1]) && end < hay.length && LATIN_WORD.test(hay[end]);
      if (!before && !after) hits.push({ start: i, end, name });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: string[] = [];
  let reach = 0;
  for (const hit of hits) {
    if (hit.start < reach) continue;
    reach = hit.end;
    if (!out.includes(hit.name)) out.push(hit.name);
  }
  return out;
}

/** Folded name → the requested spelling, aliases included (an alias never shadows a requested name). */
export function foldedNames(names: readonly string[], aliases: Readonly<Record<string, string>> = {}): Map<string, string> {
  const byFold = new Map(names.map((n) => [foldName(n), n] as const));
  for (const [alias, target] of Object.entries(aliases)) {
    const canonical = byFold.get(foldName(target));
    if (canonical && !byFold.has(foldName(alias))) byFold.set(foldName(alias), canonical);
  }
  return byFold;
}

/**
 * Maps a name written by the model back to one of the requested names: exact after folding, then aliases,
 * then a plural `s` / `es`. Returns null when nothing fits: a name that merely contains a requested one
 * (`疾病的分期分型`, `Disease stage`, `非疾病`) is another name. With no requested names every non-empty
 * name is accepted as written.
 */
export function resolveName(raw: string, names: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | null {
  const key = foldName(raw);
  if (!key) return null;
  if (names.length === 0) return raw.trim();
  const byFold = foldedNames(names, aliases);
  for (const candidate of [key, key.replace(/s$/, ''), key.replace(/es$/, '')]) {
    const direct = byFold.get(candidate);
    if (direct) return direct;
  }
  return null;
}
