import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { appendBlocks, buildMarks } from './highlightDom';
import { buildHighlightTree, type HighlightSpan } from './highlightTree';
import { rovingIndex } from './roving';
import './workbench.css';

export interface HighlightedTextProps<S extends HighlightSpan> {
  text: string;
  spans: readonly S[];
  /** Style index per type (see palette.ts); unknown types share the last style. */
  typeIndex: ReadonlyMap<string, number>;
  /** Types not to highlight (legend toggles). */
  hidden?: ReadonlySet<string>;
  /** Accessible name of the text region. */
  label: string;
  /** A mention was chosen (click, Enter or Space). */
  onSelect?: (span: S) => void;
  /** Offsets to emphasise (a focused relation's arguments, a chosen mention's occurrences). */
  emphasis?: readonly { start: number; end: number }[];
  /** Writes each type next to its mention, for readers who want it without hovering. */
  showLabels?: boolean;
  /** Names shown and announced for types that are internal ids rather than words of the text's schema. */
  typeLabels?: ReadonlyMap<string, string>;
}

const SELECTOR = 'mark[data-testid="entity"]';

/**
 * Source text with located mentions highlighted. The highlighted text is one tab stop: arrow keys move
 * between mentions (roving tabindex), Home/End jump, Enter selects. The marks are built once per (text, spans,
 * hidden types, type names), as DOM nodes, so a focus move or an emphasis change does not touch thousands of marks.
 */
function HighlightedTextImpl<S extends HighlightSpan>(props: HighlightedTextProps<S>) {
  const { text, spans, typeIndex, hidden, label, onSelect, emphasis, showLabels, typeLabels } = props;
  const { t } = useTranslation('workbench');
  const box = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState<number | null>(null);

  const layout = useMemo(() => {
    const visible = hidden?.size ? spans.filter((s) => !hidden.has(s.type)) : spans;
    return buildHighlightTree(text.length, visible);
  }, [text, spans, hidden]);

  // What the marks depend on; effects that look at them follow it.
  const tree = useMemo(() => ({ layout, text, typeIndex, typeLabels }), [layout, text, typeIndex, typeLabels]);

  // The marks are built outside React (see highlightDom.ts), a long text a few blocks at a time; the roving tab
  // stop starts at the first mention. Marks carry only the contract's attributes (fewer attributes, faster first
  // render); `mentionIndex` finds a mark's mention again.
  const marks = useRef<HTMLElement[] | null>(null);
  const mentionIndex = useRef<ReadonlyMap<Element, number>>(new Map());
  // Counts texts whose last blocks came in after the first frame, so the emphasis reaches their marks too.
  const [filledLate, setFilledLate] = useState(0);
  useLayoutEffect(() => {
    marks.current = null;
    const el = box.current;
    if (!el) return;
    const built = buildMarks(el.ownerDocument, tree.text, tree.layout, tree);
    mentionIndex.current = built.mentionIndex;
    el.replaceChildren();
    let tabStop = false;
    let late = false;
    const stop = appendBlocks(
      el,
      built.blocks,
      (block) => {
        marks.current = null;
        const first = tabStop ? null : block.querySelector<HTMLElement>(SELECTOR);
        if (!first) return;
        first.tabIndex = 0;
        tabStop = true;
      },
      () => late && setFilledLate((n) => n + 1),
    );
    late = true;
    return stop;
  }, [tree]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !emphasis?.length) return;
    const wanted = new Set(emphasis.map((e) => `${e.start}:${e.end}`));
    const found: HTMLElement[] = [];
    for (const m of el.querySelectorAll<HTMLElement>('mark.ent')) {
      if (wanted.has(`${m.dataset.start}:${m.dataset.end}`)) {
        m.classList.add('emph');
        found.push(m);
      }
    }
    found[0]?.scrollIntoView?.({ block: 'nearest' });
    return () => found.forEach((m) => m.classList.remove('emph'));
  }, [emphasis, tree, filledLate]);

  const list = () => (marks.current ??= Array.from(box.current?.querySelectorAll<HTMLElement>(SELECTOR) ?? []));
  const moveTo = (from: HTMLElement | null, to: HTMLElement | undefined) => {
    if (!to) return;
    if (from) from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  };
  const indexOf = (el: Element | null) => {
    const mark = el?.closest('mark.ent');
    return mark ? mentionIndex.current.get(mark) : undefined;
  };
  const mentionOf = (el: Element | null) => {
    const i = indexOf(el);
    return i === undefined ? undefined : layout.mentions[i];
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = (e.target as HTMLElement).closest<HTMLElement>(SELECTOR);
    if (!current) return;
    const all = list();
    const next = rovingIndex(e.key, all.indexOf(current), all.length, 'both');
    if (next !== undefined) {
      e.preventDefault();
      moveTo(current, all[next]);
    } else if ((e.key === 'Enter' || e.key === ' ') && onSelect) {
      e.preventDefault();
      const m = mentionOf(current);
      if (m) onSelect(m);
    }
  };

  let announcement = '';
  if (focused !== null && focused < layout.mentions.length) {
    const m = layout.mentions[focused];
    announcement = t('highlight.focused', {
      type: typeLabels?.get(m.type) ?? m.type,
      text: text.slice(m.start, m.end),
      n: focused + 1,
      total: layout.mentions.length,
    });
  }
  return (
    <div className="highlighted-wrap">
      <div
        ref={box}
        className={`highlighted${showLabels ? ' show-labels' : ''}`}
        role="group"
        aria-label={label}
        onKeyDown={onKeyDown}
        onClick={(e) => {
          const m = mentionOf(e.target as Element);
          const el = (e.target as Element).closest<HTMLElement>(SELECTOR);
          if (el) moveTo(box.current?.querySelector<HTMLElement>('mark[tabindex="0"]') ?? null, el);
          if (m && onSelect) onSelect(m);
        }}
        onFocus={(e) => {
          const i = indexOf(e.target as Element);
          if (i !== undefined) setFocused(i);
        }}
      />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

export const HighlightedText = memo(HighlightedTextImpl) as typeof HighlightedTextImpl;

/**
 * Moves the roving tab stop of a highlighted text inside `root` to a mention and focuses it (an
 * occurrence picked from a list). Returns false when the mention is not highlighted (type hidden).
 */
export function focusMention(root: HTMLElement | null, span: HighlightSpan): boolean {
  if (!root) return false;
  let target: HTMLElement | null = null;
  for (const m of root.querySelectorAll<HTMLElement>(SELECTOR)) {
    const d = m.dataset;
    if (Number(d.start) === span.start && Number(d.end) === span.end && d.type === span.type) {
      target = m;
      break;
    }
  }
  if (!target) return false;
  root.querySelectorAll<HTMLElement>('mark[tabindex]').forEach((m) => m.removeAttribute('tabindex'));
  target.tabIndex = 0;
  target.focus();
  target.scrollIntoView?.({ block: 'nearest' });
  return true;
}
