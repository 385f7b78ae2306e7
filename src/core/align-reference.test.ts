/**
 * Alignment against its rules spelled out directly: one `indexOf` per occurrence, arrays of objects and
 * comparison sorts, no automaton and no typed arrays. The generated corpus mixes English and Chinese,
 * mentions that overlap and nest, and the case, width, spacing and hyphen variants the folding forgives.
 */
import { describe, expect, it } from 'vitest';
import { alignMentions } from './align.ts';
import type { AlignedSpan, AlignOptions, AlignResult, MatchKind, MentionQuery } from './align.ts';
import { foldText, lowerSameLength } from './normalize.ts';
import { seededRandom } from './random.ts';

const isWord = (ch: string | undefined) => ch !== undefined && /[0-9A-Za-z\u00c0-\u024f]/.test(ch) && ch !== '×' && ch !== '÷';

/** Neither end cuts a Latin word, and `non-` does not come right before. */
function wholeWord(text: string, start: number, end: number): boolean {
  if (isWord(text[start - 1]) && isWord(text[start])) return false;
  if (isWord(text[end - 1]) && isWord(text[end])) return false;
  return !(/non-$/i.test(text.slice(0, start)) && !isWord(text[start - 5]));
}

/** Every start of `key` in `text`, overlapping ones included. */
function startsOf(text: string, key: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) out.push(i);
  return out;
}

interface Candidate {
  needle: number;
  start: number;
  end: number;
  tier: number;
  /** Where the match ends and how long it is in the searched text, which orders the candidates. */
  searchEnd: number;
  searchLength: number;
}

/** Starts a word, and ends it or leaves at most three word characters of it, from a mention of three or more. */
function beginsWord(text: string, start: number, end: number): boolean {
  if (isWord(text[start - 1]) && isWord(text[start])) return false;
  if (!(isWord(text[end - 1]) && isWord(text[end]))) return true;
  let rest = 0;
  while (isWord(text[end + rest])) rest++;
  return end - start >= 3 && rest <= 3;
}

/** Keeps a needle's whole-word candidates when it has any, else those that begin a word. */
const preferWhole = (text: string, found: Candidate[]) =>
  found.some((c) => wholeWord(text, c.start, c.end))
    ? found.filter((c) => wholeWord(text, c.start, c.end))
    : found.filter((c) => beginsWord(text, c.start, c.end));

const inSearchOrder = (a: Candidate, b: Candidate) => a.searchEnd - b.searchEnd || b.searchLength - a.searchLength || a.needle - b.needle;

function referenceAlign(text: string, mentions: readonly MentionQuery[], options: AlignOptions = {}): AlignResult {
  const notFound: MentionQuery[] = [];
  const needles: string[] = [];
  const asks: { type: string; written: string }[][] = [];
  const types: string[] = [];
  for (const m of mentions) {
    const needle = m.text.trim();
    if (!needle) {
      if (!notFound.some((x) => x.type === m.type && x.text === m.text)) notFound.push({ type: m.type, text: m.text });
      continue;
    }
    if (!needles.includes(needle)) {
      needles.push(needle);
      asks.push([]);
    }
    if (!types.includes(m.type)) types.push(m.type);
    const own = asks[needles.indexOf(needle)];
    if (!own.some((a) => a.type === m.type)) own.push({ type: m.type, written: m.text });
  }

  // exact and re-cased occurrences, found in the lower-cased text
  const lowText = lowerSameLength(text);
  const exact: Candidate[] = [];
  const missing: number[] = [];
  needles.forEach((needle, n) => {
    const key = lowerSameLength(needle);
    const found = startsOf(lowText, key).map((start) => {
      const end = start + key.length;
      return { needle: n, start, end, tier: text.slice(start, end) === needle ? 0 : 1, searchEnd: end, searchLength: key.length };
    });
    const kept = preferWhole(text, found);
    if (kept.length) exact.push(...kept);
    else missing.push(n);
  });
  // the others, in the folded text, on whole original characters
  const folded = foldText(text);
  const loose: Candidate[] = [];
  for (const n of missing) {
    const key = foldText(needles[n]).text;
    if (!key) continue;
    const found: Candidate[] = [];
    for (const s of startsOf(folded.text, key)) {
      const e = s + key.length;
      if (s > 0 && folded.from[s - 1] === folded.from[s]) continue;
      if (e < folded.text.length && folded.from[e] === folded.from[e - 1]) continue;
      const start = folded.from[s];
      const end = folded.to[e - 1];
      const tier = lowerSameLength(text.slice(start, end)) === lowerSameLength(needles[n]) ? 1 : 2;
      found.push({ needle: n, start, end, tier, searchEnd: e, searchLength: key.length });
    }
    loose.push(...preferWhole(text, found));
  }
  const candidates = [...exact.sort(inSearchOrder), ...loose.sort(inSearchOrder)];

  // per type: stricter tier, then longer, then earlier in the list; nothing overlapping what is placed
  const placed: { c: Candidate; type: string; written: string }[] = [];
  for (const type of types) {
    const mine = candidates
      .filter((c) => asks[c.needle].some((a) => a.type === type))
      .sort((a, b) => a.tier - b.tier || b.end - b.start - (a.end - a.start));
    const taken: boolean[] = new Array<boolean>(text.length).fill(false);
    for (const c of mine) {
      if (taken.slice(c.start, c.end).includes(true)) continue;
      taken.fill(true, c.start, c.end);
      placed.push({ c, type, written: asks[c.needle].find((a) => a.type === type)!.written });
    }
  }
  const nesting = options.nestingTypes;
  const kept = nesting
    ? placed.filter(
        ({ c }) =>
          !placed.some(
            (p) => !nesting.includes(p.type) && p.c.start <= c.start && c.end <= p.c.end && p.c.end - p.c.start > c.end - c.start,
          ),
      )
    : placed;

  const located = new Set(candidates.map((c) => c.needle));
  const shown = new Set(kept.map((k) => `${k.c.needle} ${k.type}`));
  const shadowed: MentionQuery[] = [];
  needles.forEach((_, n) => {
    for (const a of asks[n]) {
      const entry = { type: a.type, text: a.written };
      if (!located.has(n)) notFound.push(entry);
      else if (!shown.has(`${n} ${a.type}`)) shadowed.push(entry);
    }
  });
  const tiers: MatchKind[] = ['exact', 'case', 'normalized'];
  const spans: AlignedSpan[] = kept
    .sort((a, b) => a.c.start - b.c.start || b.c.end - a.c.end || types.indexOf(a.type) - types.indexOf(b.type))
    .map(({ c, type, written }) => ({
      type,
      text: text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
      mention: written,
      match: tiers[c.tier],
    }));
  return { spans, notFound, shadowed };
}

describe('alignMentions against its rules spelled out', () => {
  const rand = seededRandom(14);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const pieces = [
    ...['ab', 'Ab', 'AB', 'abc', 'c', 'C', 'K', 'Cl', 'KCl', 'ulcer', 'Ulcers', 'non-', 'Non-ab', 'é', 'É', 'x-y', '1', '2'],
    ...[' ', ' ', ' ', '-', '  ', '\n', ',', '.', '\t', '\u2013', '\u00a0'],
    ...['ｃ', 'Ａｂ', '．', '㎎', 'mg', 'ﬁ', 'fi', 'İ', 'Σ', 'σ', '¨', '😀'],
    ...['细胞', '下降', '血', '压', '血压', '受体', 'β2', '高', '临床'],
  ];
  const make = (n: number, from = pieces) => Array.from({ length: n }, () => pick(from)).join('');
  const fullWidth = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  /** A stretch of the text as a model might rewrite it: re-cased, full-width, re-spaced or re-hyphenated. */
  const variant = (s: string) => {
    const r = rand();
    if (r < 0.15) return s.toUpperCase();
    if (r < 0.25) return s.toLowerCase();
    if (r < 0.32) return fullWidth(s);
    if (r < 0.4) return s.replace(/ /g, '-');
    if (r < 0.46) return s.replace(/-/g, ' ');
    if (r < 0.5) return ` ${s} `;
    if (r < 0.52) return '';
    return s;
  };
  const types = ['Chemical', 'Disease', 'Gene', '临床表现'];

  it('finds the same spans, misses and shadowed mentions on a generated corpus', () => {
    let spans = 0;
    let loose = 0;
    let manySpans = 0;
    for (let round = 0; round < 2000; round++) {
      const long = round % 100 === 0;
      const text = make(long ? 1000 : 2 + Math.floor(rand() * 40));
      const mentions = Array.from({ length: long ? 200 : 1 + Math.floor(rand() * 8) }, () => {
        const s = Math.floor(rand() * text.length);
        const raw = rand() < 0.8 ? text.slice(s, s + 1 + Math.floor(rand() * 10)) : make(1 + Math.floor(rand() * 2));
        return { type: pick(types), text: variant(raw) };
      });
      const options = rand() < 0.3 ? { nestingTypes: [pick(types)] } : {};
      const expected = referenceAlign(text, mentions, options);
      expect(alignMentions(text, mentions, options), JSON.stringify({ text, mentions, options })).toEqual(expected);
      spans += expected.spans.length;
      loose += expected.spans.filter((s) => s.match === 'normalized').length;
      if (expected.spans.length > 512) manySpans++;
    }
    // the corpus exercises every tier, and long documents with many spans
    expect(spans).toBeGreaterThan(10_000);
    expect(loose).toBeGreaterThan(300);
    expect(manySpans).toBeGreaterThan(10);
  }, 60_000);

  it('finds the same in English-only (ASCII) texts, which are folded without a map per unit', () => {
    const ascii = pieces.filter((p) => /^[\0-\x7f]+$/.test(p));
    let loose = 0;
    for (let round = 0; round < 300; round++) {
      const text = make(round % 30 === 0 ? 1000 : 2 + Math.floor(rand() * 40), ascii);
      const mentions = Array.from({ length: round % 30 === 0 ? 200 : 1 + Math.floor(rand() * 8) }, () => {
        const s = Math.floor(rand() * text.length);
        return { type: pick(types), text: variant(text.slice(s, s + 1 + Math.floor(rand() * 10))) };
      });
      const expected = referenceAlign(text, mentions);
      expect(alignMentions(text, mentions), JSON.stringify({ text, mentions })).toEqual(expected);
      loose += expected.spans.filter((s) => s.match === 'normalized').length;
    }
    expect(loose).toBeGreaterThan(50);
  });
});
