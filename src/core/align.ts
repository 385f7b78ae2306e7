/**
 * Locates extracted mentions in the source text. Taiyi names entities by surface string, not offset, so
 * every occurrence is found, as the gold of BC5CDR, NCBI disease and CMeEE annotates every occurrence:
 * exact and case-variant matches (`Famotidine` and `famotidine`), else matches on the folded form (NFKC,
 * whitespace and hyphens; see normalize.ts). Whole words are preferred, a word's beginning is the fallback
 * (`ulcer` in `ulcers`), and a piece of a word never matches (`M` is not found in `Famotidine`). Within one
 * type one of overlapping matches wins, exact before re-cased, then the longest (gold never overlaps a type
 * with itself), and the mentions
 * that lost everywhere are reported; spans of different types may overlap or nest, or nest only inside the
 * types that allow it (CMeEE: only a 临床表现 contains other entities, so `血` is not highlighted in `血压`).
 */
import { AhoCorasick } from './aho-corasick.ts';
import { foldLongText, foldText, lowerSameLength } from './normalize.ts';
import type { Span } from './spans.ts';

export interface MentionQuery {
  type: string;
  text: string;
}

export type MatchKind = 'exact' | 'case' | 'normalized';

/** A located mention; its `text` is the source's (it may differ from `mention` in case, width or spacing). */
export interface AlignedSpan extends Omit<Span, 'ref'> {
  /** The mention as the model wrote it. */
  mention: string;
  match: MatchKind;
}

export interface AlignResult {
  /** Sorted by start, longer first. */
  spans: AlignedSpan[];
  /** Mentions with no occurrence at all, each once. */
  notFound: MentionQuery[];
  /** Mentions that occur, but only inside longer spans that won over them, each once (so none is lost unseen). */
  shadowed: MentionQuery[];
}

export interface AlignOptions {
  /**
   * Types whose spans may contain spans of other types. When given, a span lying inside a longer span of a
   * type not listed here is dropped; when absent, spans of different types always nest.
   */
  nestingTypes?: readonly string[];
}

const TIERS: readonly MatchKind[] = ['exact', 'case', 'normalized'];

/** Code units of Latin words: digits, ASCII letters, and the Latin letters up to U+024F (not × and ÷). */
const WORD_UNITS = Uint8Array.from({ length: 0x250 }, (_, c) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) ? 1 : 0,
);
/** One read of a small table: word boundaries are checked at both ends of hundreds of thousands of hits. */
const isWordCode = (c: number) => c < 0x250 && WORD_UNITS[c] === 1;

/** True when `non-` directly precedes the offset: `FAP` in `non-FAP` is not a mention of FAP (NCBI gold). */
function afterNon(text: string, start: number): boolean {
  if (start < 4 || text.charCodeAt(start - 1) !== 45) return false;
  const c = (i: number) => text.charCodeAt(i) | 32;
  return c(start - 4) === 110 && c(start - 3) === 111 && c(start - 2) === 110 && (start === 4 || !isWordCode(text.charCodeAt(start - 5)));
}

/** True when the match does not cut a Latin word (so `CT` is not found inside `CTR1`) nor follows `non-`. */
function onWordBoundary(text: string, start: number, end: number): boolean {
  const cutsStart = start > 0 && isWordCode(text.charCodeAt(start - 1)) && isWordCode(text.charCodeAt(start));
  const cutsEnd = end < text.length && isWordCode(text.charCodeAt(end - 1)) && isWordCode(text.charCodeAt(end));
  return !cutsStart && !cutsEnd && !afterNon(text, start);
}

/** Longest ending an in-word match may leave of its word: an inflection (`ulcer` in `ulcers`, `infect` in `infected`). */
const INFLECTION_UNITS = 3;
/** Shortest mention that may stand for a longer word it begins (`K` never stands for `KCl`). */
const SHORTEST_WORD_START = 3;

/**
 * Whether a match that is not a whole word may still stand for its mention, which has no whole-word match: it
 * starts a word and either ends it (`FAP` in `non-FAP`) or leaves no more of it than an inflection, from a
 * mention long enough. Never a piece from inside a word (`m` in `Famotidine`) nor a short mention's first
 * letters (`M` in `metabolism`, `Ca` in `Cancer`): gold annotations never cut a word.
 */
function beginsWord(text: string, start: number, end: number): boolean {
  if (start > 0 && isWordCode(text.charCodeAt(start - 1)) && isWordCode(text.charCodeAt(start))) return false;
  if (end >= text.length || !isWordCode(text.charCodeAt(end - 1)) || !isWordCode(text.charCodeAt(end))) return true;
  if (end - start < SHORTEST_WORD_START) return false;
  let wordEnd = end;
  while (wordEnd < text.length && wordEnd - end <= INFLECTION_UNITS && isWordCode(text.charCodeAt(wordEnd))) wordEnd++;
  return wordEnd - end <= INFLECTION_UNITS;
}

/** How many code units before each offset `a` and `b` (of one length) differ in: one read tells a stretch apart. */
function differences(a: string, b: string): Int32Array {
  const counts = new Int32Array(a.length + 1);
  for (let p = 0; p < a.length; p++) counts[p + 1] = counts[p] + (a.charCodeAt(p) === b.charCodeAt(p) ? 0 : 1);
  return counts;
}

/** Growable flat list of (needle, start, end, tier) records. */
class Hits {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4096) {
    this.data = new Int32Array(Math.max(capacity, 4));
  }
  push(needle: number, start: number, end: number, tier: number): void {
    if (this.length + 4 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = needle;
    this.data[this.length++] = start;
    this.data[this.length++] = end;
    this.data[this.length++] = tier;
  }
}

/** Distinct search keys for needles; needles whose keys coincide share the key's matches. */
function groupKeys(pending: readonly number[], keyOf: (needle: number) => string) {
  const keys: string[] = [];
  const owners: number[][] = [];
  const index = new Map<string, number>();
  for (const needle of pending) {
    const key = keyOf(needle);
    if (!key) continue;
    let k = index.get(key);
    if (k === undefined) {
      index.set(key, (k = keys.length));
      keys.push(key);
      owners.push([]);
    }
    owners[k].push(needle);
  }
  return { keys, owners };
}

/**
 * Keeps, per needle, its whole-word candidates when there are any, else those that begin a word (a mention
 * "ulcer" in a text that only says "ulcers" still gets its in-word match, but `K` is not highlighted inside
 * `KCl` when `K` stands alone, nor ever `M` inside `Famotidine`).
 */
function select(candidates: Hits, needleCount: number, text: string, out: Hits, found: Uint8Array): void {
  const d = candidates.data;
  const whole = new Uint8Array(candidates.length / 4);
  const hasWhole = new Uint8Array(needleCount);
  for (let i = 0; i < candidates.length; i += 4) {
    if (!onWordBoundary(text, d[i + 1], d[i + 2])) continue;
    whole[i >> 2] = 1;
    hasWhole[d[i]] = 1;
  }
  for (let i = 0; i < candidates.length; i += 4) {
    const n = d[i];
    if (whole[i >> 2] === 0 && (hasWhole[n] === 1 || !beginsWord(text, d[i + 1], d[i + 2]))) continue;
    out.push(n, d[i + 1], d[i + 2], d[i + 3]);
    found[n] = 1;
  }
}

/**
 * Every occurrence of each distinct needle. Exact and case-variant matches come from one scan of the
 * lower-cased text (same length, so offsets hold); needles with neither are searched once in the folded text.
 * Two scans of the text whatever the number of needles.
 */
function locate(text: string, needles: readonly string[]): Hits {
  const found = new Uint8Array(needles.length);
  const all = needles.map((_, i) => i);

  const lowered: string[] = needles.map(lowerSameLength);
  const cased = groupKeys(all, (i) => lowered[i]);
  // The hot loops below read typed arrays, not strings: a key's length, and its needle when it has only one
  // (most do; the others are visited when the owner is -1).
  const keyLength = new Int32Array(cased.keys.length);
  const owner = new Int32Array(cased.keys.length);
  for (let k = 0; k < cased.keys.length; k++) {
    keyLength[k] = cased.keys[k].length;
    owner[k] = cased.owners[k].length === 1 ? cased.owners[k][0] : -1;
  }
  // Needles that lower-casing leaves alone; where the source is also unchanged by it, they are matched exactly.
  const caseless = new Uint8Array(needles.length);
  for (let n = 0; n < needles.length; n++) caseless[n] = needles[n] === lowered[n] ? 1 : 0;
  const lowText = lowerSameLength(text);
  const raw = AhoCorasick.searchOnce(cased.keys, lowText);
  const recased = lowText === text ? null : differences(text, lowText);
  const hits = new Hits(2 * raw.length);
  // A first pass finds which needles have a whole-word match; the second keeps only those where they do.
  const whole = new Uint8Array(raw.length / 2);
  const hasWhole = new Uint8Array(needles.length);
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i];
    const end = raw[i + 1];
    if (!onWordBoundary(text, end - keyLength[k], end)) continue;
    whole[i >> 1] = 1;
    if (owner[k] >= 0) hasWhole[owner[k]] = 1;
    else for (const n of cased.owners[k]) hasWhole[n] = 1;
  }
  // The source there equals the lower-cased key; it reads as the needle itself when both are lower case, or
  // when neither is and the characters agree.
  const keep = (n: number, start: number, end: number, i: number, lower: boolean) => {
    if (whole[i >> 1] === 0 && (hasWhole[n] === 1 || !beginsWord(text, start, end))) return;
    const exact = lower ? caseless[n] === 1 : !caseless[n] && text.startsWith(needles[n], start);
    hits.push(n, start, end, exact ? 0 : 1);
    found[n] = 1;
  };
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i];
    const end = raw[i + 1];
    const start = end - keyLength[k];
    const lower = !recased || recased[end] === recased[start];
    if (owner[k] >= 0) keep(owner[k], start, end, i, lower);
    else for (const n of cased.owners[k]) keep(n, start, end, i, lower);
  }

  const missing = all.filter((i) => !found[i]);
  if (missing.length === 0) return hits;
  const folded = foldLongText(text, lowText);
  const last = folded.text.length;
  const { keys, owners } = groupKeys(missing, (i) => foldText(needles[i]).text);
  const loose = new Hits();
  const looseRaw = AhoCorasick.searchOnce(keys, folded.text);
  for (let i = 0; i < looseRaw.length; i += 2) {
    const k = looseRaw[i];
    const e = looseRaw[i + 1];
    const s = e - keys[k].length;
    // A match must start and end on whole original characters: `g` is not inside a folded `㎎`.
    const start = folded.from(s);
    if (s > 0 && folded.from(s - 1) === start) continue;
    if (e < last && folded.from(e) === folded.from(e - 1)) continue;
    const end = folded.to(e - 1);
    const source = lowerSameLength(text.slice(start, end));
    for (const n of owners[k]) loose.push(n, start, end, source === lowered[n] ? 1 : 2);
  }
  select(loose, needles.length, text, hits, found);
  return hits;
}

/**
 * Finds every occurrence of every mention: exact and case-variant matches, else matches on the folded form.
 * Within one type, of overlapping candidates the stricter tier wins, then the longest, then the earlier
 * start; different types keep their own spans, nesting only inside `options.nestingTypes` when that is given.
 * Mentions never found come back in `notFound`; mentions found only inside spans that won over them, in
 * `shadowed`. Work is linear in the text and the mentions plus the number
 * of hits: two scans of the text whatever the number of mentions (`npm run bench:align` times 10,000
 * mentions over a megabyte against a 150 ms budget).
 */
export function alignMentions(text: string, mentions: readonly MentionQuery[], options: AlignOptions = {}): AlignResult {
  const needles: string[] = [];
  const needleIndex = new Map<string, number>();
  const typeIndex = new Map<string, number>();
  // Per needle: the types asking for it and, in parallel, the mention as first written for that type.
  const typesOf: number[][] = [];
  const writtenAs: string[][] = [];
  const notFound: MentionQuery[] = [];
  for (const m of mentions) {
    const needle = m.text.trim();
    if (!needle) {
      if (!notFound.some((x) => x.type === m.type && x.text === m.text)) notFound.push({ type: m.type, text: m.text });
      continue;
    }
    let n = needleIndex.get(needle);
    if (n === undefined) {
      n = needles.length;
      needleIndex.set(needle, n);
      needles.push(needle);
      typesOf.push([]);
      writtenAs.push([]);
    }
    let t = typeIndex.get(m.type);
    if (t === undefined) typeIndex.set(m.type, (t = typeIndex.size));
    if (!typesOf[n].includes(t)) {
      typesOf[n].push(t);
      writtenAs[n].push(m.text);
    }
  }
  const types = [...typeIndex.keys()];
  const asks = flatAsks(typesOf, writtenAs);
  const hits = locate(text, needles);
  const data = hits.data;
  const records = hits.length / 4;

  // (record, ask) pairs grouped by type, each group in the records' order
  const typeStart = new Int32Array(types.length + 1);
  const hitNeedles = new Uint8Array(needles.length);
  for (let i = 0; i < hits.length; i += 4) {
    const n = data[i];
    hitNeedles[n] = 1;
    for (let a = asks.start[n]; a < asks.start[n + 1]; a++) typeStart[asks.type[a] + 1]++;
  }
  for (let t = 0; t < types.length; t++) typeStart[t + 1] += typeStart[t];
  const pairs = new Int32Array(2 * typeStart[types.length]);
  const cursor = typeStart.slice(0, types.length);
  for (let r = 0; r < records; r++) {
    const n = data[4 * r];
    for (let a = asks.start[n]; a < asks.start[n + 1]; a++) {
      const at = 2 * cursor[asks.type[a]]++;
      pairs[at] = 4 * r;
      pairs[at + 1] = a;
    }
  }
  for (let n = 0; n < needles.length; n++)
    if (!hitNeedles[n])
      for (let a = asks.start[n]; a < asks.start[n + 1]; a++) notFound.push({ type: types[asks.type[a]], text: asks.written[a] });

  let kept = new Kept(Math.min(pairs.length, 1024));
  const taken = new Uint8Array(text.length);
  for (let t = 0; t < types.length; t++) longestFirst(data, pairs.subarray(2 * typeStart[t], 2 * typeStart[t + 1]), taken, kept);
  if (options.nestingTypes) kept = withoutNested(kept, data, asks.type, types, options.nestingTypes, new Cover(text.length));
  const shown = new Uint8Array(asks.type.length);
  for (let k = 1; k < kept.length; k += 2) shown[kept.data[k]] = 1;
  const shadowed: MentionQuery[] = [];
  for (let n = 0; n < needles.length; n++) {
    if (!hitNeedles[n]) continue;
    for (let a = asks.start[n]; a < asks.start[n + 1]; a++)
      if (!shown[a]) shadowed.push({ type: types[asks.type[a]], text: asks.written[a] });
  }
  const ordered = inTextOrder(kept, data, asks.type, text.length);
  const spans: AlignedSpan[] = [];
  for (let k = 0; k < ordered.length; k += 2) {
    const i = ordered[k];
    const a = ordered[k + 1];
    const start = data[i + 1];
    const end = data[i + 2];
    spans.push({
      type: types[asks.type[a]],
      text: text.slice(start, end),
      start,
      end,
      mention: asks.written[a],
      match: TIERS[data[i + 3]],
    });
  }
  return { spans, notFound, shadowed };
}

/**
 * Each needle's (type, mention as written) asks, flat: those of needle `n` are `start[n]` to `start[n + 1]`, so the
 * loops over hundreds of thousands of hits read typed arrays rather than one small array per needle.
 */
function flatAsks(typesOf: readonly number[][], writtenAs: readonly string[][]) {
  const start = new Int32Array(typesOf.length + 1);
  for (let n = 0; n < typesOf.length; n++) start[n + 1] = start[n] + typesOf[n].length;
  const type = new Int32Array(start[typesOf.length]);
  const written: string[] = [];
  for (let n = 0; n < typesOf.length; n++)
    for (let j = 0; j < typesOf[n].length; j++) {
      type[start[n] + j] = typesOf[n][j];
      written.push(writtenAs[n][j]);
    }
  return { start, type, written };
}

/** The (record, ask) pairs placed so far, flat; it grows as needed (most hits are not placed). */
class Kept {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(capacity, 4));
  }
  push(record: number, ask: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = record;
    this.data[this.length++] = ask;
  }
}

/**
 * Per offset of the text, the furthest end and the earliest start of the placed spans covering it (0 and
 * the text length where none does): a span [s, e) lies strictly inside a placed one exactly when
 * `maxEnd[s] > e`, or `maxEnd[s] === e` and `minStart[e - 1] < s`.
 */
class Cover {
  readonly maxEnd: Int32Array;
  readonly minStart: Int32Array;
  constructor(length: number) {
    this.maxEnd = new Int32Array(length);
    this.minStart = new Int32Array(length).fill(length);
  }
  place(start: number, end: number): void {
    const { maxEnd, minStart } = this;
    for (let p = start; p < end; p++) {
      if (maxEnd[p] < end) maxEnd[p] = end;
      if (minStart[p] > start) minStart[p] = start;
    }
  }
  strictlyInside(start: number, end: number): boolean {
    return this.maxEnd[start] > end || (this.maxEnd[start] === end && this.minStart[end - 1] < start);
  }
}

/** Drops spans lying strictly inside a longer span of a type that does not allow nesting. */
function withoutNested(
  kept: Kept,
  data: Int32Array,
  askType: Int32Array,
  types: readonly string[],
  nesting: readonly string[],
  cover: Cover,
): Kept {
  const allows = types.map((t) => nesting.includes(t));
  const k = kept.data;
  for (let j = 0; j < kept.length; j += 2) if (!allows[askType[k[j + 1]]]) cover.place(data[k[j] + 1], data[k[j] + 2]);
  const out = new Kept(kept.length);
  for (let j = 0; j < kept.length; j += 2) if (!cover.strictlyInside(data[k[j] + 1], data[k[j] + 2])) out.push(k[j], k[j + 1]);
  return out;
}

/** Below this many spans a comparison sort is quicker than the radix sort's pass over 65,536 counts. */
const FEW_SPANS = 256;

/** The order of `inTextOrder` for a few spans (a short document's): a stable sort on the same keys. */
function fewInTextOrder(kept: Kept, data: Int32Array, askType: Int32Array): Int32Array {
  const pairs = kept.data.subarray(0, kept.length);
  const order = Array.from({ length: pairs.length / 2 }, (_, i) => 2 * i);
  order.sort(
    (a, b) =>
      data[pairs[a] + 1] - data[pairs[b] + 1] || data[pairs[b] + 2] - data[pairs[a] + 2] || askType[pairs[a + 1]] - askType[pairs[b + 1]],
  );
  const out = new Int32Array(pairs.length);
  order.forEach((at, i) => {
    out[2 * i] = pairs[at];
    out[2 * i + 1] = pairs[at + 1];
  });
  return out;
}

/** Bits of the start offset a pass of the radix sort takes: its counts stay in the first-level cache. */
const RADIX_BITS = 11;

/**
 * Orders (record, ask) pairs by start, longer first, then by type order: a stable radix sort on the start
 * offset, because tens of thousands of spans are common and a comparison sort over them was the slow part.
 * The starts are copied next to the pairs first, so each pass reads memory in order.
 */
function inTextOrder(kept: Kept, data: Int32Array, askType: Int32Array, length: number): Int32Array {
  if (kept.length <= 2 * FEW_SPANS) return fewInTextOrder(kept, data, askType);
  let from: Int32Array = kept.data.subarray(0, kept.length);
  let to: Int32Array = new Int32Array(kept.length);
  let startFrom: Int32Array = new Int32Array(kept.length >> 1);
  let startTo: Int32Array = new Int32Array(startFrom.length);
  for (let j = 0; j < startFrom.length; j++) startFrom[j] = data[from[2 * j] + 1];
  const counts = new Int32Array((1 << RADIX_BITS) + 1);
  const mask = (1 << RADIX_BITS) - 1;
  // starts are below the text's length: as many passes as its digits
  for (let shift = 0; shift < 32 && (shift === 0 || (length - 1) >>> shift !== 0); shift += RADIX_BITS) {
    counts.fill(0);
    for (let j = 0; j < startFrom.length; j++) counts[((startFrom[j] >>> shift) & mask) + 1]++;
    for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
    for (let j = 0; j < startFrom.length; j++) {
      const at = counts[(startFrom[j] >>> shift) & mask]++;
      startTo[at] = startFrom[j];
      to[2 * at] = from[2 * j];
      to[2 * at + 1] = from[2 * j + 1];
    }
    [from, to] = [to, from];
    [startFrom, startTo] = [startTo, startFrom];
  }
  const ordered = from;
  const starts = startFrom;
  // Pairs sharing a start are few (nested types): insertion-sort them by end (descending), then type.
  const before = (a: number, b: number) =>
    data[ordered[a] + 2] > data[ordered[b] + 2] ||
    (data[ordered[a] + 2] === data[ordered[b] + 2] && askType[ordered[a + 1]] < askType[ordered[b + 1]]);
  for (let a = 2; a < ordered.length; a += 2) {
    for (let b = a; b >= 2 && starts[b >> 1] === starts[(b >> 1) - 1] && before(b, b - 2); b -= 2) {
      [ordered[b], ordered[b - 2]] = [ordered[b - 2], ordered[b]];
      [ordered[b + 1], ordered[b - 1]] = [ordered[b - 1], ordered[b + 1]];
    }
  }
  return ordered;
}

/**
 * Places the hits of one type that survive: a counting sort by tier (a mention as written beats a re-cased or
 * re-spaced reading of another: BC5CDR annotates `depressive disorder` inside `major depressive disorder`
 * when only `Major depressive disorder` is named elsewhere), then length (longest first), keeping the hits'
 * own order within those, then a greedy pass that drops a hit overlapping one already
 * placed (gold never overlaps a type with itself). `pairs` are (record offset in `data`, ask); `taken` is
 * all zero on entry and on return.
 */
function longestFirst(data: Int32Array, pairs: Int32Array, taken: Uint8Array, kept: Kept): void {
  let maxLen = 0;
  for (let k = 0; k < pairs.length; k += 2) maxLen = Math.max(maxLen, data[pairs[k] + 2] - data[pairs[k] + 1]);
  const bucket = (i: number) => data[i + 3] * (maxLen + 1) + maxLen - (data[i + 2] - data[i + 1]);
  const counts = new Int32Array((maxLen + 2) * TIERS.length);
  for (let k = 0; k < pairs.length; k += 2) counts[bucket(pairs[k])]++;
  for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
  // each hit's offsets travel with it, so the greedy pass reads them in order rather than all over `data`
  const order = new Int32Array(pairs.length / 2);
  const starts = new Int32Array(order.length);
  const ends = new Int32Array(order.length);
  for (let k = pairs.length - 2; k >= 0; k -= 2) {
    const i = pairs[k];
    const at = --counts[bucket(i)];
    order[at] = k;
    starts[at] = data[i + 1];
    ends[at] = data[i + 2];
  }
  const first = kept.length;
  for (let o = 0; o < order.length; o++) {
    const k = order[o];
    const start = starts[o];
    const end = ends[o];
    let free = true;
    for (let p = start; p < end && free; p++) free = taken[p] === 0;
    if (!free) continue;
    for (let p = start; p < end; p++) taken[p] = 1;
    kept.push(pairs[k], pairs[k + 1]);
  }
  // a few spans are cleared one by one, many at once (a call per span costs more than a pass over the text)
  if (kept.length - first > taken.length >> 6) taken.fill(0);
  else for (let j = first; j < kept.length; j += 2) taken.fill(0, data[kept.data[j] + 1], data[kept.data[j] + 2]);
}
