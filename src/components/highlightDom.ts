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
  fragment: DocumentFragment;
  /** The mention (its index in the layout's `mentions`) of every mark, continuation pieces included. */
  mentionIndex: ReadonlyMap<Element, number>;
}

/**
 * Characters after which a block of text ends at the next line break. Blocks let the browser skip style and
 * layout of the ones out of view (`content-visibility: auto` on `.hl-block`); a few screens of text each keeps
 * their number small.
 */
export const BLOCK_CHARS = 2000;
/** Characters a line holds in the estimate of an unseen block's height (the real one is kept once seen). */
const CHARS_PER_LINE = 90;

/**
 * The whole text with its marks, as a fragment of blocks (`div.hl-block`), each ending at a line break outside
 * every mark. Each first piece of a mention is a `mark` with the test contract's `data-testid="entity"`,
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

  const fragment = doc.createDocumentFragment();
  let block = doc.createElement('div');
  let blockStart = 0;
  const endBlock = (end: number) => {
    let lines = Math.ceil((end - blockStart) / CHARS_PER_LINE);
    for (let i = text.indexOf('\n', blockStart); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
    block.className = 'hl-block';
    block.style.containIntrinsicBlockSize = `auto ${lines}lh`;
    fragment.appendChild(block);
    block = doc.createElement('div');
    blockStart = end;
  };
  // The next line break at or after the last search, found once per break, so a text without any costs one scan.
  let lineBreak = -1;
  // Text between marks at the top level: the only place where a block may end.
  const between = (from: number, to: number) => {
    let pos = from;
    while (blockStart + BLOCK_CHARS < to) {
      const after = Math.max(pos, blockStart + BLOCK_CHARS);
      if (lineBreak < after) {
        const found = text.indexOf('\n', after);
        lineBreak = found < 0 ? Infinity : found;
      }
      if (lineBreak >= to) break;
      block.appendChild(doc.createTextNode(text.slice(pos, lineBreak + 1)));
      pos = lineBreak + 1;
      endBlock(pos);
    }
    if (pos < to) block.appendChild(doc.createTextNode(text.slice(pos, to)));
  };
  let pos = 0;
  for (const p of layout.roots) {
    if (p.start > pos) between(pos, p.start);
    block.appendChild(markOf(p));
    pos = p.end;
  }
  if (pos < text.length) between(pos, text.length);
  if (block.firstChild || !fragment.firstChild) endBlock(text.length);
  return { fragment, mentionIndex };
}
