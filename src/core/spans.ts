/**
 * The one span type of the app: a typed stretch of a text at character offsets. Aligned mentions,
 * highlights, imported annotations and relation arguments are all spans or a part of one.
 */
import { alignMentions, type AlignOptions, type MentionQuery } from './align.ts';
import { shiftSpans, type Chunk } from './chunk.ts';

export interface Span {
  type: string;
  start: number;
  /** Exclusive. */
  end: number;
  /** The text at the offsets. */
  text: string;
  /** Concept identifier from an imported file (MeSH id, …), `|`-joined when several. */
  ref?: string;
}

/** Where a span lies, without what it is. */
export type Offsets = Pick<Span, 'start' | 'end'>;

/** What highlighting needs of a span. */
export type TypedRange = Pick<Span, 'type' | 'start' | 'end'>;

/**
 * Locates mentions named in the answer for one chunk, at offsets in the whole text. `shadowed` lists the
 * mentions that occur only inside longer spans that won over them.
 */
export function locateInChunk(
  chunk: Chunk,
  mentions: readonly MentionQuery[],
  options: AlignOptions = {},
): { spans: Span[]; notFound: MentionQuery[]; shadowed: MentionQuery[] } {
  const aligned = alignMentions(chunk.text, mentions, options);
  const spans = shiftSpans(
    aligned.spans.map(({ type, start, end, text }) => ({ type, start, end, text })),
    chunk.start,
  );
  return { spans, notFound: aligned.notFound, shadowed: aligned.shadowed };
}
