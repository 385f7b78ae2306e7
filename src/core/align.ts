/**
 * Locates extracted mentions in the source text. Taiyi names entities by surface string, not offset, so
 * every occurrence is found: exact matches first, then case-insensitive, then on the folded form (NFKC,
 * whitespace and hyphens; see normalize.ts). Within one type the longest of overlapping matches wins;
 * spans of different types may overlap or nest (CMeEE has both).
 */
import { AhoCorasick } from './aho-corasick.ts';
import { foldText, lowerSameLength } from './normalize.ts';
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
}

const TIERS: readonly MatchKind[] = ['exact', 'case', 'normalized'];

const isWordCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);

/** True when the match does not cut a Latin word (so `CT` is not found inside `CTR1`). */
function onWordBoundary(text: string, start: number, end: number): boolean {
  const cutsStart = start > 0 && isWordCode(text.charCodeAt(start - 1)) && isWordCode(text.charCodeAt(start));
  const cutsEnd = end < text.length && isWordCode(text.charCodeAt(end - 1)) && isWordCode(text.charCodeAt(end));
  return !cutsStart && !cutsEnd;
}

/** Growable flat list of (needle, start, end, tier) records. */
class Hits {
  data = new Int32Array(4096);
  length = 0;
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
 * Keeps, per needle, the candidates of its strictest tier, and among those the whole-word ones when there
 * are any (a mention "ulcer" in a text that only says "ulcers" still gets its in-word match).
 */
function select(candidates: Hits, needleCount: number, text: string, out: Hits, found: Uint8Array): void {
  const d = candidates.data;
  const best = new Uint8Array(needleCount).fill(255);
  for (let i = 0; i < candidates.length; i += 4) best[d[i]] = Math.min(best[d[i]], d[i + 3]);
  const whole = new Uint8Array(candidates.length / 4);
  const hasWhole = new Uint8Array(needleCount);
  for (let i = 0; i < candidates.length; i += 4) {
    if (d[i + 3] !== best[d[i]] || !onWordBoundary(text, d[i + 1], d[i + 2])) continue;
    whole[i / 4] = 1;
    hasWhole[d[i]] = 1;
  }
  for (let i = 0; i < candidates.length; i += 4) {
    const n = d[i];
    if (d[i + 3] !== best[n] || (hasWhole[n] && !whole[i / 4])) continue;
    out.push(n, d[i + 1], d[i + 2], d[i + 3]);
    found[n] = 1;
  }
}

/**
 * Every occurrence of each distinct needle, from the strictest tier that finds any. Needles missing from the
 * exact pass are searched once in the folded text; a folded match whose source differs from the needle only
 * in case counts as the case-insensitive tier, so both loose tiers cost one scan.
 */
function locate(text: string, needles: readonly string[]): Hits {
  const hits = new Hits();
  const found = new Uint8Array(needles.length);
  const all = needles.map((_, i) => i);

  // The exact pass has a single tier, so its hits skip the candidate list and go straight to selection.
  const raw = new AhoCorasick(needles).search(text);
  const whole = new Uint8Array(raw.length / 2);
  const hasWhole = new Uint8Array(needles.length);
  for (let i = 0; i < raw.length; i += 2) {
    const n = raw[i];
    if (!onWordBoundary(text, raw[i + 1] - needles[n].length, raw[i + 1])) continue;
    whole[i / 2] = 1;
    hasWhole[n] = 1;
  }
  for (let i = 0; i < raw.length; i += 2) {
    const n = raw[i];
    if (hasWhole[n] && !whole[i / 2]) continue;
    hits.push(n, raw[i + 1] - needles[n].length, raw[i + 1], 0);
    found[n] = 1;
  }

  const missing = all.filter((i) => !found[i]);
  if (missing.length === 0) return hits;
  const folded = foldText(text);
  const last = folded.text.length;
  const { keys, owners } = groupKeys(missing, (i) => foldText(needles[i]).text);
  const loose = new Hits();
  const lowered: (string | undefined)[] = [];
  const looseRaw = new AhoCorasick(keys).search(folded.text);
  for (let i = 0; i < looseRaw.length; i += 2) {
    const k = looseRaw[i];
    const e = looseRaw[i + 1];
    const s = e - keys[k].length;
    // A match must start and end on whole original characters: `g` is not inside a folded `㎎`.
    if (s > 0 && folded.from[s - 1] === folded.from[s]) continue;
    if (e < last && folded.from[e] === folded.from[e - 1]) continue;
    const start = folded.from[s];
    const end = folded.to[e - 1];
    const source = lowerSameLength(text.slice(start, end));
    for (const n of owners[k]) loose.push(n, start, end, source === (lowered[n] ??= lowerSameLength(needles[n])) ? 1 : 2);
  }
  select(loose, needles.length, text, hits, found);
  return hits;
}

/**
 * Finds every occurrence of every mention. Each mention is matched exactly, else case-insensitively, else
 * on the folded form; the strictest tier with a hit is used for it. Among overlapping candidates of one type
 * the longest wins (then the stricter tier, then the earlier start); different types keep their own spans.
 * Mentions never found come back in `notFound`. Work is linear in the text and the mentions plus the number
 * of hits: two scans of the text whatever the number of mentions (`npm run bench:align` times 10,000
 * mentions over a megabyte against a 200 ms budget).
 */
export function alignMentions(text: string, mentions: readonly MentionQuery[]): AlignResult {
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
  const hits = locate(text, needles);

  const byType: number[][] = types.map(() => []);
  const hitNeedles = new Uint8Array(needles.length);
  for (let i = 0; i < hits.length; i += 4) {
    const n = hits.data[i];
    hitNeedles[n] = 1;
    for (const t of typesOf[n]) byType[t].push(i);
  }
  for (let n = 0; n < needles.length; n++)
    if (!hitNeedles[n]) typesOf[n].forEach((t, j) => notFound.push({ type: types[t], text: writtenAs[n][j] }));

  let kept: number[] = []; // (record, type) pairs
  byType.forEach((records, t) => {
    for (const i of longestFirst(hits.data, records, text.length)) kept.push(i, t);
  });
  kept = inTextOrder(kept, hits.data, text.length);
  const spans: AlignedSpan[] = [];
  for (let k = 0; k < kept.length; k += 2) {
    const i = kept[k];
    const t = kept[k + 1];
    const n = hits.data[i];
    const start = hits.data[i + 1];
    const end = hits.data[i + 2];
    const mention = writtenAs[n][typesOf[n].indexOf(t)];
    spans.push({ type: types[t], text: text.slice(start, end), start, end, mention, match: TIERS[hits.data[i + 3]] });
  }
  return { spans, notFound };
}

/**
 * Orders (record, type) pairs by start, longer first, then by type order: a counting sort on the start
 * offset, because tens of thousands of spans are common and a comparison sort over them was the slow part.
 */
function inTextOrder(kept: readonly number[], data: Int32Array, length: number): number[] {
  const counts = new Int32Array(length + 2);
  for (let k = 0; k < kept.length; k += 2) counts[data[kept[k] + 1] + 1]++;
  for (let p = 1; p < counts.length; p++) counts[p] += counts[p - 1];
  const ordered: number[] = new Array(kept.length);
  for (let k = 0; k < kept.length; k += 2) {
    const at = 2 * counts[data[kept[k] + 1]]++;
    ordered[at] = kept[k];
    ordered[at + 1] = kept[k + 1];
  }
  // Pairs sharing a start are few (nested types): insertion-sort them by end (descending), then type.
  const before = (a: number, b: number) => data[ordered[a] + 2] > data[ordered[b] + 2] || (data[ordered[a] + 2] === data[ordered[b] + 2] && ordered[a + 1] < ordered[b + 1]);
  for (let a = 2; a < ordered.length; a += 2) {
    for (let b = a; b >= 2 && data[ordered[b] + 1] === data[ordered[b - 2] + 1] && before(b, b - 2); b -= 2) {
      [ordered[b], ordered[b - 2]] = [ordered[b - 2], ordered[b]];
      [ordered[b + 1], ordered[b - 1]] = [ordered[b - 1], ordered[b + 1]];
    }
  }
  return ordered;
}

/**
 * The hits of one type that survive "longest wins": a counting sort by length (longest first) that keeps
 * the hits' own order (tier, then position) within a length, then a greedy pass over an occupancy map.
 * `records` and the result are offsets of records in `data`.
 */
function longestFirst(data: Int32Array, records: readonly number[], length: number): number[] {
  let maxLen = 0;
  for (const i of records) maxLen = Math.max(maxLen, data[i + 2] - data[i + 1]);
  const counts = new Int32Array(maxLen + 2);
  for (const i of records) counts[maxLen - (data[i + 2] - data[i + 1])]++;
  for (let k = 1; k < counts.length; k++) counts[k] += counts[k - 1];
  const order = new Int32Array(records.length);
  for (let r = records.length - 1; r >= 0; r--) {
    const i = records[r];
    order[--counts[maxLen - (data[i + 2] - data[i + 1])]] = i;
  }
  const taken = new Uint8Array(length);
  const kept: number[] = [];
  for (const i of order) {
    const start = data[i + 1];
    const end = data[i + 2];
    let free = true;
    for (let p = start; p < end && free; p++) free = taken[p] === 0;
    if (!free) continue;
    taken.fill(1, start, end);
    kept.push(i);
  }
  return kept;
}
