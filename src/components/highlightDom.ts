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

/**
 * The whole text with its marks, as a fragment. Each first piece of a mention is a `mark` with the test contract's
 * `data-testid="entity"`, `data-type`, `data-start`, `data-end`; continuations after a cut are `entity-part`.
 */
export function buildMarks<S extends HighlightSpan>(
  doc: Document,
  text: string,
  layout: HighlightLayout<S>,
  options: MarkOptions,
): DocumentFragment {
  const { typeIndex, typeLabels } = options;
  const fallback = typeIndex.size;
  const classes = new Map<string, string>();
  const classOf = (type: string, height: number) => {
    const key = `${type}\u0000${height}`;
    let name = classes.get(key);
    if (name === undefined) classes.set(key, (name = `ent ${typeClasses(typeIndex.get(type) ?? fallback)} h${Math.min(height, 4)}`));
    return name;
  };
  const fill = (parent: Node, pieces: readonly HighlightPiece[], from: number, to: number) => {
    let pos = from;
    for (const p of pieces) {
      if (p.start > pos) parent.appendChild(doc.createTextNode(text.slice(pos, p.start)));
      const m = layout.mentions[p.mention];
      const mark = doc.createElement('mark');
      mark.className = classOf(m.type, p.height);
      mark.setAttribute('data-testid', p.part === 0 ? 'entity' : 'entity-part');
      mark.setAttribute('data-type', m.type);
      const label = typeLabels?.get(m.type);
      if (label !== undefined) mark.setAttribute('data-label', label);
      mark.setAttribute('data-start', String(m.start));
      mark.setAttribute('data-end', String(m.end));
      if (p.children.length) fill(mark, p.children, p.start, p.end);
      else mark.textContent = text.slice(p.start, p.end);
      parent.appendChild(mark);
      pos = p.end;
    }
    if (pos < to) parent.appendChild(doc.createTextNode(text.slice(pos, to)));
  };
  const fragment = doc.createDocumentFragment();
  fill(fragment, layout.roots, 0, text.length);
  return fragment;
}
