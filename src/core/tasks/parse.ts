/**
 * Building blocks of the answer parsers. Everything here is total: malformed input yields empty results,
 * never an exception, because model output is arbitrary text.
 */
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
  for (let changed = true; changed && s.length > 1; ) {
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

/** True for placeholders that mean "nothing here" (`无`, `None`, `N/A`, …). */
export function isNone(s: string): boolean {
  return NONE.test(s.trim());
}

/** Splits a `; `- or `；`-joined list into cleaned, non-empty items. */
export function splitItems(value: string): string[] {
  return value
    .split(/[;；]/)
    .map(cleanItem)
    .filter((s) => s !== '' && !isNone(s));
}

/** A top-level bracketed group `[…]` or `【…】` with its inner text. */
export interface BracketGroup {
  inner: string;
  start: number;
  end: number;
}

/** Finds top-level `[…]` / `【…】` groups; nested brackets stay inside their group. Unclosed groups are ignored. */
export function bracketGroups(s: string): BracketGroup[] {
  const groups: BracketGroup[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '[' || c === '【') {
      if (depth === 0) start = i;
      depth++;
    } else if ((c === ']' || c === '】') && depth > 0) {
      depth--;
      if (depth === 0) groups.push({ inner: s.slice(start + 1, i), start, end: i + 1 });
    }
  }
  return groups;
}

/**
 * Splits the inside of `[A, B]` into two items. Taiyi writes `, `; some answers use `，` or a bare comma.
 * The first separator of the most canonical kind wins, so `[2,3-dichlorophenol, liver damage]` splits right.
 */
export function splitPair(inner: string): [string, string] | null {
  for (const sep of [', ', '，', ',', '、']) {
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
 * then a plural `s`, then the longest requested name contained in it (`上述文本中包含的疾病为` → `疾病`).
 * Returns null when nothing fits. With no requested names every non-empty name is accepted as written.
 */
export function resolveName(
  raw: string,
  names: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | null {
  const key = foldName(raw);
  if (!key) return null;
  if (names.length === 0) return raw.trim();
  const byFold = foldedNames(names, aliases);
  for (const candidate of [key, key.replace(/s$/, ''), key.replace(/es$/, '')]) {
    const direct = byFold.get(candidate);
    if (direct) return direct;
  }
  if (key.length > 80) return null;
  const found = findNames(key, [...byFold.keys()]).sort((a, b) => b.length - a.length)[0];
  return found ? (byFold.get(found) ?? null) : null;
}
