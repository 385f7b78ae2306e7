/**
 * Lays out located mentions as a tree of nested highlight pieces. Mentions nested inside others become child
 * pieces; a mention that crosses the end of an enclosing one is cut there, and the rest becomes a
 * continuation piece further on, so the DOM stays a proper tree and every mention keeps exactly one
 * first piece.
 */
import type { TypedRange } from '../core/spans';

/** What a highlight needs of a span. */
export type HighlightSpan = TypedRange;

export interface HighlightPiece {
  /** Index of the mention in `mentions` (document order); every piece of one mention shares it. */
  mention: number;
  start: number;
  end: number;
  /** 0 for the first piece of a mention, 1, 2, … for continuations after a cut. */
  part: number;
  children: HighlightPiece[];
  /** 1 for a leaf; one more than the highest child otherwise (drives the underline offset). */
  height: number;
}

export interface HighlightLayout<S extends HighlightSpan> {
  /** Valid, de-duplicated mentions in document order: by start, longer first, then by type. */
  mentions: S[];
  roots: HighlightPiece[];
}

const byPosition = (a: HighlightSpan, b: HighlightSpan) =>
  a.start - b.start || b.end - a.end || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0);

/**
 * Builds the piece tree for `spans` over a text of `length` characters. Spans outside the text or empty
 * are dropped; duplicates (same type and offsets) are kept once. O(n log n) for the usual case of few
 * crossings.
 */
export function buildHighlightTree<S extends HighlightSpan>(length: number, spans: readonly S[]): HighlightLayout<S> {
  const sorted = spans.filter((s) => s.start >= 0 && s.end <= length && s.start < s.end).sort(byPosition);
  const mentions: S[] = [];
  for (const s of sorted) {
    const prev = mentions[mentions.length - 1];
    if (!prev || byPosition(prev, s) !== 0) mentions.push(s);
  }

  // Work list of pieces still to place, ordered like the mentions; continuations are inserted in order.
  const queue: { mention: number; start: number; end: number; part: number }[] = mentions.map((m, i) => ({
    mention: i,
    start: m.start,
    end: m.end,
    part: 0,
  }));
  const roots: HighlightPiece[] = [];
  const stack: HighlightPiece[] = [];
  for (let q = 0; q < queue.length; q++) {
    const item = queue[q];
    while (stack.length && stack[stack.length - 1].end <= item.start) stack.pop();
    const parent = stack[stack.length - 1];
    let end = item.end;
    if (parent && end > parent.end) {
      // Crossing: keep the part inside the parent here and queue the rest at the parent's end.
      end = parent.end;
      const rest = { mention: item.mention, start: end, end: item.end, part: item.part + 1 };
      let at = q + 1;
      while (at < queue.length && (queue[at].start < rest.start || (queue[at].start === rest.start && queue[at].end >= rest.end))) at++;
      queue.splice(at, 0, rest);
    }
    const piece: HighlightPiece = { mention: item.mention, start: item.start, end, part: item.part, children: [], height: 1 };
    (parent ? parent.children : roots).push(piece);
    stack.push(piece);
  }
  for (const root of roots) setHeight(root);
  return { mentions, roots };
}

function setHeight(piece: HighlightPiece): number {
  let h = 0;
  for (const child of piece.children) h = Math.max(h, setHeight(child));
  piece.height = h + 1;
  return piece.height;
}
