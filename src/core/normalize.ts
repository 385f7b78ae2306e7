/**
 * The loose text form used to locate mentions the model rewrote slightly: NFKC (full-width ↔ ASCII), lower
 * case, and any run of whitespace and hyphens read as one separator, which disappears next to a Chinese
 * character (`β2 受体` = `β2受体`, `气管-食管瘘` = `气管食管瘘`). Each unit of the folded text remembers the
 * span of the original characters it came from, so a match maps back to exact offsets.
 */

/** Folded text plus, for each folded unit, the original span it came from. */
export interface FoldedText {
  text: string;
  /** Original offset of the character each folded unit comes from. */
  from: Int32Array;
  /** Original end offset (exclusive) of that character. */
  to: Int32Array;
}

const DASHES = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe63', '\uff0d', '\u00ad']);
const cache = new Map<string, string>();

/** NFKC + lower case of one character, with separators folded to a single marker. */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) {
    if (code === 45 || code === 32 || (code >= 9 && code <= 13)) return ' ';
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  }
  let out = cache.get(ch);
  if (out === undefined) {
    const n = ch.normalize('NFKC').toLowerCase();
    out = /^\s+$/.test(n) || DASHES.has(n) || DASHES.has(ch) ? ' ' : n;
    cache.set(ch, out);
  }
  return out;
}

const isCjk = (c: number) =>
  (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x3000 && c <= 0x303f);

/** Folds a text, keeping the map back to original offsets. */
export function foldText(text: string): FoldedText {
  let units = new Uint16Array(text.length + 16);
  let from = new Int32Array(units.length);
  let to = new Int32Array(units.length);
  let n = 0;
  const ensure = (extra: number) => {
    if (n + extra <= units.length) return;
    const cap = (n + extra) * 2;
    const u = new Uint16Array(cap);
    u.set(units);
    units = u;
    const f = new Int32Array(cap);
    f.set(from);
    from = f;
    const t = new Int32Array(cap);
    t.set(to);
    to = t;
  };
  let sepStart = -1;
  let sepEnd = -1;
  let lastCjk = true; // a separator at the very start is dropped, as next to a CJK character
  const emit = (code: number, start: number, end: number) => {
    const cjk = isCjk(code);
    if (sepStart >= 0) {
      if (!lastCjk && !cjk) {
        ensure(1);
        units[n] = 32;
        from[n] = sepStart;
        to[n++] = sepEnd;
      }
      sepStart = -1;
    }
    ensure(1);
    units[n] = code;
    from[n] = start;
    to[n++] = end;
    lastCjk = cjk;
  };
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    // ASCII inline, without the call: this loop runs over megabytes when a batch of mentions is aligned.
    if (c < 128) {
      if (c === 45 || c === 32 || (c >= 9 && c <= 13)) {
        if (sepStart < 0) sepStart = i;
        sepEnd = i + 1;
      } else {
        if (n + 2 > units.length) ensure(2);
        if (sepStart >= 0) {
          if (!lastCjk) {
            units[n] = 32;
            from[n] = sepStart;
            to[n++] = sepEnd;
          }
          sepStart = -1;
        }
        units[n] = c >= 65 && c <= 90 ? c + 32 : c;
        from[n] = i;
        to[n++] = i + 1;
        lastCjk = false;
      }
      i++;
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    const folded = foldChar(text.slice(i, i + width));
    if (folded === ' ') {
      if (sepStart < 0) sepStart = i;
      sepEnd = i + width;
    } else for (let k = 0; k < folded.length; k++) emit(folded.charCodeAt(k), i, i + width);
    i += width;
  }
  return { text: decoder.decode(units.subarray(0, n)), from: from.subarray(0, n), to: to.subarray(0, n) };
}

const decoder = new TextDecoder('utf-16le');

/** A folded text and the way back from its units to original offsets, without a pair of offsets per unit. */
export interface FoldMap {
  text: string;
  /** Original offset of the character folded unit `i` comes from. */
  from(i: number): number;
  /** Original end offset (exclusive) of that character. */
  to(i: number): number;
}

const NON_ASCII = /[^\0-\x7f]/;
const asciiDecoder = new TextDecoder('latin1');

/**
 * {@link foldText} of a long text, as a map. An ASCII text (most English documents) folds by lower case and one
 * space for each run of separators, dropped at either end: offsets shift only at the start and at runs of two or
 * more, which are few, so those are kept rather than two offsets per unit (8 MB for a megabyte), and the units
 * are bytes. `lowered` is the text lower-cased, when the caller has it.
 */
export function foldLongText(text: string, lowered?: string): FoldMap {
  if (NON_ASCII.test(text)) {
    const { text: folded, from, to } = foldText(text);
    return { text: folded, from: (i) => from[i], to: (i) => to[i] };
  }
  const lower = lowered ?? text.toLowerCase();
  const units = new Uint8Array(text.length);
  // Per inner run of two or more separators: the folded unit it became, its original offset and length.
  const unit: number[] = [];
  const origin: number[] = [];
  const runLength: number[] = [];
  let n = 0;
  let leading = 0;
  let separators = -1; // where the pending run of separators began
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 45 || c === 32 || (c >= 9 && c <= 13)) {
      if (separators < 0) separators = i;
      continue;
    }
    if (separators >= 0) {
      if (n === 0) leading = i;
      else {
        if (i - separators > 1) {
          unit.push(n);
          origin.push(separators);
          runLength.push(i - separators);
        }
        units[n++] = 32;
      }
      separators = -1;
    }
    units[n++] = c;
  }
  /** The last run at or before unit `i`, or -1. */
  const runAt = (i: number) => {
    let lo = 0;
    let hi = unit.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (unit[mid] <= i) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  /** How far the original is ahead of the units after run `r` (before the first run when -1). */
  const shiftAfter = (r: number) => (r < 0 ? leading : origin[r] + runLength[r] - unit[r] - 1);
  const from = (i: number) => {
    const r = runAt(i);
    return r >= 0 && unit[r] === i ? origin[r] : i + shiftAfter(r);
  };
  const to = (i: number) => {
    const r = runAt(i);
    return r >= 0 && unit[r] === i ? origin[r] + runLength[r] : i + shiftAfter(r) + 1;
  };
  return { text: asciiDecoder.decode(units.subarray(0, n)), from, to };
}

/** The folded form of a string (what {@link foldText} produces, without the offsets). */
export function foldForMatch(s: string): string {
  return foldText(s).text;
}

/** Characters the engine lower-cases by their neighbours (final sigma) or as pairs (letters beyond the BMP). */
const NOT_UNIT_BY_UNIT = /[\u03a3\ud800-\udfff]/;

/** Lower-cases code unit by code unit, keeping the length so offsets stay valid. */
export function lowerSameLength(s: string): string {
  // The engine's own lower-casing gives the same whenever no character grew (only `İ` does) and none of the
  // above occurs: nearly always, and many times faster over a long text than the loop below.
  const lowered = s.toLowerCase();
  if (lowered.length === s.length && !NOT_UNIT_BY_UNIT.test(s)) return lowered;
  const parts: string[] = [];
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let lower = '';
    if (c >= 65 && c <= 90) lower = String.fromCharCode(c + 32);
    else if (c >= 128 && !(c >= 0xd800 && c <= 0xdfff)) {
      const l = s[i].toLowerCase();
      if (l.length === 1 && l !== s[i]) lower = l;
    }
    if (lower) {
      parts.push(s.slice(last, i), lower);
      last = i + 1;
    }
  }
  if (last === 0) return s;
  parts.push(s.slice(last));
  return parts.join('');
}
