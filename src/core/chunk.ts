/**
 * Long documents: a token estimate, sentence splitting in English and Chinese, sentence-aligned chunks that
 * fit Taiyi's context window, and helpers to map chunk results back to document offsets.
 */
import { TAIYI_DEFAULTS, TAIYI_MAX_CONTEXT } from './modelkit/taiyi.ts';

/** A piece of a document with its offsets in the document (`end` exclusive). */
export interface Chunk {
  text: string;
  start: number;
  end: number;
}

/** Taiyi 1's usable context window (Qwen-7B, trained at 1024; no long-context scaling in MLC). */
export const TAIYI_CONTEXT_TOKENS: number = TAIYI_MAX_CONTEXT;
/** The demo's `max_new_tokens`, a sensible reserve for the answer. */
export const DEFAULT_ANSWER_TOKENS: number = TAIYI_DEFAULTS.max_tokens;

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000;

/**
 * Estimates Qwen tokens without the tokenizer, erring high: one per four Latin letters of a word, nothing for
 * spaces, one for every other character (CJK characters, digits, which Qwen splits one by one, punctuation).
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      letters++;
      continue;
    }
    if (letters) {
      tokens += Math.ceil(letters / 4);
      letters = 0;
    }
    if (isSpace(c) || (c >= 0xdc00 && c <= 0xdfff)) continue;
    tokens++;
  }
  return tokens + Math.ceil(letters / 4);
}

// Words after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set(
  'e.g i.e al et fig figs vs approx ca cf dr mr mrs ms prof no nos st jr sr vol eq eqs ref refs resp incl dept univ'.split(' '),
);
const CLOSERS = '"\'”’」』）)]】';

/** Where a sentence ending at `i` (the terminator) really ends, past closing quotes and brackets. */
function afterClosers(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && CLOSERS.includes(text[j])) j++;
  return j;
}

function isSentenceEndAtStop(text: string, i: number): boolean {
  const next = afterClosers(text, i);
  if (next < text.length && !/\s/.test(text[next])) return false;
  let k = next;
  while (k < text.length && /\s/.test(text[k])) k++;
  if (k < text.length && /[a-z]/.test(text[k])) return false;
  const word = /([A-Za-z.]+)$/.exec(text.slice(Math.max(0, i - 12), i))?.[1] ?? '';
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  return !/^[A-Z]$/.test(word); // an initial: "J. Smith"
}

/**
 * Splits text into sentences covering it without gaps: each sentence runs to the start of the next, so
 * trailing whitespace stays with the sentence before it. Ends: `。！？；` and `!?`, a full stop followed by
 * space and not lower case (abbreviations and initials excepted), and line breaks.
 */
export function splitSentences(text: string): Chunk[] {
  return [...sentencesOf(text)];
}

/** `splitSentences` one sentence at a time, so a long document can be split in slices between frames. */
export function* sentencesOf(text: string): Generator<Chunk> {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    let end = -1;
    if (ch === '\n') end = i + 1;
    else if ('。！？；!?'.includes(ch)) end = afterClosers(text, i);
    else if (ch === '.' && isSentenceEndAtStop(text, i)) end = afterClosers(text, i);
    if (end < 0) continue;
    while (end < text.length && /\s/.test(text[end])) end++;
    if (end > start) yield { text: text.slice(start, end), start, end };
    start = end;
    if (start > i + 1) i = start - 1;
  }
  if (start < text.length) yield { text: text.slice(start), start, end: text.length };
}

/** Tokens left for the document text once the prompt wording and the answer are reserved. */
export function textBudget(
  promptOverheadTokens: number,
  contextTokens = TAIYI_CONTEXT_TOKENS,
  answerTokens = DEFAULT_ANSWER_TOKENS,
): number {
  return Math.max(32, contextTokens - promptOverheadTokens - answerTokens);
}

/** Splits an over-long sentence at the last space or comma that keeps a piece within the budget. */
function splitLong(text: string, start: number, end: number, maxTokens: number): Chunk[] {
  const out: Chunk[] = [];
  let from = start;
  while (from < end) {
    // Same counting as estimateTokens, kept incremental so a huge sentence stays linear.
    let done = 0;
    let letters = 0;
    let to = from;
    let lastBreak = -1;
    for (; to < end; to++) {
      const c = text.charCodeAt(to);
      if (isLetter(c)) letters++;
      else {
        done += Math.ceil(letters / 4) + (isSpace(c) || (c >= 0xdc00 && c <= 0xdfff) ? 0 : 1);
        letters = 0;
      }
      if (done + Math.ceil(letters / 4) > maxTokens) break;
      if (/[\s,，、;；]/.test(text[to])) lastBreak = to + 1;
    }
    if (to < end && lastBreak > from) to = lastBreak;
    if (to === from) to = from + 1;
    if (to < end && /[\udc00-\udfff]/.test(text[to])) to++; // never split a surrogate pair
    out.push({ text: text.slice(from, to), start: from, end: to });
    from = to;
  }
  return out;
}

/**
 * Groups sentences into chunks of at most `maxTokens` estimated tokens. Chunks start at a sentence start
 * and carry their document offsets; a sentence longer than the budget is cut at spaces or commas.
 */
export function chunkText(text: string, maxTokens: number): Chunk[] {
  const sentences = splitSentences(text);
  return groupSentences(
    text,
    sentences,
    sentences.map((s) => estimateTokens(s.text)),
    maxTokens,
  );
}

/**
 * `chunkText` over sentences already split, with their estimated costs (`costs[i]` for `sentences[i]`), so a
 * planner can group the same sentences again at another budget without splitting or estimating twice.
 */
export function groupSentences(text: string, sentences: readonly Chunk[], costs: readonly number[], maxTokens: number): Chunk[] {
  const chunks: Chunk[] = [];
  let start = -1;
  let end = -1;
  let tokens = 0;
  const flush = () => {
    if (start >= 0) chunks.push({ text: text.slice(start, end), start, end });
    start = -1;
    tokens = 0;
  };
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i]!;
    const cost = costs[i]!;
    if (cost > maxTokens) {
      flush();
      chunks.push(...splitLong(text, sentence.start, sentence.end, maxTokens));
      continue;
    }
    if (start >= 0 && tokens + cost > maxTokens) flush();
    if (start < 0) start = sentence.start;
    end = sentence.end;
    tokens += cost;
  }
  flush();
  return chunks;
}

/**
 * Chunks a document so each chunk's full prompt fits the context: the prompt's own wording is measured by
 * building it around an empty text.
 */
export function chunkForPrompt(
  text: string,
  buildPrompt: (chunkText: string) => string,
  contextTokens = TAIYI_CONTEXT_TOKENS,
  answerTokens = DEFAULT_ANSWER_TOKENS,
): Chunk[] {
  return chunkText(text, textBudget(estimateTokens(buildPrompt('')), contextTokens, answerTokens));
}

/** Moves spans found in a chunk to document offsets. */
export function shiftSpans<T extends { start: number; end: number }>(spans: readonly T[], offset: number): T[] {
  return spans.map((s) => ({ ...s, start: s.start + offset, end: s.end + offset }));
}

type Placed = { type: string; start: number; end: number };

/** The order of merged spans: by start, longer first, then by type. */
const compareSpans = (a: Placed, b: Placed) => a.start - b.start || b.end - a.end || a.type.localeCompare(b.type);

/** Merges spans from several chunks: duplicates (same type and offsets) dropped, sorted by position. */
export function mergeSpans<T extends Placed>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists)
    for (const s of list) {
      const key = `${s.type}\u0000${s.start}\u0000${s.end}`;
      if (!seen.has(key)) seen.set(key, s);
    }
  return [...seen.values()].sort(compareSpans);
}

/**
 * `mergeSpans([merged, more])` for a `merged` that is itself a merge's result, in time linear in it and without
 * a key per span: a long document's result grows with every part, and folding one part's spans into it must
 * not cost the page more with each part.
 */
export function addSpans<T extends Placed>(merged: readonly T[], more: readonly T[]): T[] {
  const added = mergeSpans([more]).filter((s) => !includesSpan(merged, s));
  const out: T[] = [];
  let i = 0;
  let j = 0;
  // ties keep the merged spans first, as the stable sort of `mergeSpans` does
  while (i < merged.length || j < added.length)
    out.push(j === added.length || (i < merged.length && compareSpans(merged[i], added[j]) <= 0) ? merged[i++] : added[j++]);
  return out;
}

/** Whether sorted `spans` hold one of the same type and offsets (those sharing a start are side by side). */
function includesSpan(spans: readonly Placed[], s: Placed): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].start < s.start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < spans.length && spans[k].start === s.start; k++) if (spans[k].end === s.end && spans[k].type === s.type) return true;
  return false;
}
