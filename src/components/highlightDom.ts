/**
 * The marks of a highlighted text, built as DOM nodes directly. A long result carries thousands of mentions:
 * as React elements each mark is also a fiber to create and reconcile, which made the first render of 5,000
 * highlights several times slower than building the nodes. Text goes in as text nodes only, never as HTML.
 */
import type { HighlightLayout, HighlightPiece, HighlightSpan } from './highlightTree';
import { typeClasses } from './palette';

export interface MarkOptions {
  typeIndex: ReadonlyMap<string, number>;
  /** Names shown and announced for types that are internal ids. */
  typeLabels?: ReadonlyMap<string, string>;
}

export interface BuiltMarks {
  /** The text in blocks (`div`), built one at a time as they are asked for, in order. */
  blocks: Iterator<HTMLElement, undefined>;
  /** The mention (its index in the layout's `mentions`) of every mark built so far, continuation pieces included. */
  mentionIndex: ReadonlyMap<Element, number>;
}

/**
 * Characters after which a block of text ends, at the next line break outside every mark. A long text is put in
 * the page a few blocks at a time (see HighlightedText), so the first frame holds only its beginning.
 */
export const BLOCK_CHARS = 2000;

/**
 * The whole text with its marks, as blocks, each ending at a line break outside every mark (a text without line
 * breaks is one block). Each first piece of a mention is a `mark` with the test contract's `data-testid="entity"`,
 * `data-type`, `data-start`, `data-end`; continuations after a cut are `entity-part`.
 */
export function buildMarks<S extends HighlightSpan>(
  doc: Document,
  text: string,
  layout: HighlightLayout<S>,
  options: MarkOptions,
): BuiltMarks {
  const { typeIndex, typeLabels } = options;
  const fallback = typeIndex.size;
  // One mark per kind (type, nesting height, first piece or not) carries the attributes all its copies share;
  // a copy costs two attributes instead of five.
  const kinds = new Map<string, HTMLElement>();
  const kindOf = (type: string, height: number, first: boolean) => {
    const key = `${type}\u0000${height}\u0000${first}`;
    let kind = kinds.get(key);
    if (kind === undefined) {
      kind = doc.createElement('mark');
      kind.className = `ent ${typeClasses(typeIndex.get(type) ?? fallback)} h${Math.min(height, 4)}`;
      kind.setAttribute('data-testid', first ? 'entity' : 'entity-part');
      kind.setAttribute('data-type', type);
      const label = typeLabels?.get(type);
      if (label !== undefined) kind.setAttribute('data-label', label);
      kinds.set(key, kind);
    }
    return kind;
  };
  const mentionIndex = new Map<Element, number>();
  const markOf = (p: HighlightPiece): Element => {
    const m = layout.mentions[p.mention];
    const mark = kindOf(m.type, p.height, p.part === 0).cloneNode(false) as Element;
    mark.setAttribute('data-start', String(m.start));
    mark.setAttribute('data-end', String(m.end));
    mentionIndex.set(mark, p.mention);
    if (!p.children.length) {
      mark.textContent = text.slice(p.start, p.end);
      return mark;
    }
    let pos = p.start;
    for (const child of p.children) {
      if (child.start > pos) mark.appendChild(doc.createTextNode(text.slice(pos, child.start)));
      mark.appendChild(markOf(child));
      pos = child.end;
    }
    if (pos < p.end) mark.appendChild(doc.createTextNode(text.slice(pos, p.end)));
    return mark;
  };

  function* blocks(): Generator<HTMLElement, undefined> {
    let root = 0;
    for (const [from, to] of blockRanges(text, layout.roots)) {
      const block = doc.createElement('div');
      let pos = from;
      for (; root < layout.roots.length && layout.roots[root].end <= to; root++) {
        const p = layout.roots[root];
        if (p.start > pos) block.appendChild(doc.createTextNode(text.slice(pos, p.start)));
        block.appendChild(markOf(p));
        pos = p.end;
      }
      if (pos < to) block.appendChild(doc.createTextNode(text.slice(pos, to)));
      yield block;
    }
    return undefined;
  }
  return { blocks: blocks(), mentionIndex };
}

/** The blocks' ranges: each ends after the first line break past `BLOCK_CHARS` that no top-level piece covers. */
function blockRanges(text: string, roots: readonly HighlightPiece[]): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let root = 0;
  for (let want = BLOCK_CHARS; want < text.length;) {
    const lineBreak = text.indexOf('\n', want);
    if (lineBreak < 0) break;
    while (root < roots.length && roots[root].end <= lineBreak) root++;
    // the break is inside a top-level piece: look again after it
    if (root < roots.length && roots[root].start <= lineBreak) {
      want = roots[root].end;
      continue;
    }
    ranges.push([start, lineBreak + 1]);
    start = lineBreak + 1;
    want = start + BLOCK_CHARS;
  }
  ranges.push([start, text.length]);
  return ranges;
}

/** Blocks put in the page at once, before the first frame: more than a scrolling region shows. */
const FIRST_BLOCKS = 2;
/** Time each later slice may spend on blocks, so frames keep coming while a long text fills in. */
const SLICE_MS = 8;

/**
 * Appends `blocks` to `parent`: the first ones at once, the rest in short slices between frames, so a long
 * text shows its beginning at once and the page answers while the rest comes in. Calls `onAppend` with each
 * block and `onDone` once all are in; returns a function that stops appending.
 */
export function appendBlocks(
  parent: Element,
  blocks: Iterator<HTMLElement, undefined>,
  onAppend: (block: HTMLElement) => void,
  onDone: () => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slice = (more: (appended: number) => boolean) => {
    for (let appended = 1; ; appended++) {
      const next = blocks.next();
      if (next.done) return onDone();
      parent.appendChild(next.value);
      onAppend(next.value);
      if (!more(appended)) break;
    }
    timer = setTimeout(() => {
      const start = performance.now();
      slice(() => performance.now() - start < SLICE_MS);
    });
  };
  slice((appended) => appended < FIRST_BLOCKS);
  return () => clearTimeout(timer);
}
