/**
 * Small string helpers shared by the parsers, the benchmark loaders and the aligner.
 */

/**
 * Folds a name for comparison: NFKC (full-width letters, digits and punctuation become ASCII), lower case,
 * runs of whitespace collapsed, trimmed. Used for entity types, relation types, labels and roles.
 */
export function foldName(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Keeps the first occurrence of every key, in order. */
export function uniqueBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

/** Identity of a (type, text) pair: entities are unique by it, and scored by it. */
export const entityKey = (e: { type: string; text: string }): string => `${e.type}\u0000${e.text}`;

/** Identity of a (type, head, tail) relation triple. */
export const relationKey = (r: { type: string; head: string; tail: string }): string => `${r.type}\u0000${r.head}\u0000${r.tail}`;

/** Splits text into lines, accepting LF, CRLF and lone CR (the training file uses CRLF). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** 1-based line number of a character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** Joins names the way a Taiyi prompt lists them: `，` in Chinese, `, ` in English. */
export function joinNames(names: readonly string[], lang: 'en' | 'zh'): string {
  return names.join(lang === 'zh' ? '，' : ', ');
}
