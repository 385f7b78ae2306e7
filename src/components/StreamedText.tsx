import { memo, useLayoutEffect, useRef } from 'react';
import type { RunState } from '../core/run';

/** A text that changes outside React (a store field), read and watched without rendering a component. */
export interface TextSource {
  read(): string;
  /** Calls `changed` after every change of the store the text is read from; returns the way to stop. */
  subscribe(changed: () => void): () => void;
}

/** What a streaming view needs of a store that holds a run: zustand's bound stores are such. */
export interface RunStore {
  <U>(select: (state: { run: RunState }) => U): U;
  getState(): { run: RunState };
  subscribe(listener: () => void): () => void;
}

/** The raw answer to prompt `index` of the run a store holds, as a source for `StreamedText`. */
export function rawAnswer(store: RunStore, index: number): TextSource {
  return { read: () => store.getState().run.raws[index] ?? '', subscribe: (changed) => store.subscribe(changed) };
}

/**
 * Longest text node a stream extends: the browser reshapes and re-breaks a whole text node when its data grows,
 * so a long answer is kept in nodes of about this size and an update touches the last one only.
 */
const NODE_CHARS = 1024;

/**
 * Text that grows while a model streams. It follows its source straight from the store, not through React: a
 * streamed piece renders no component. It is append-only: what is new extends the last text node (a new node
 * past `NODE_CHARS`), the shown text is never reset with the whole text. Any other change (a new run) replaces
 * the nodes. Always text, never HTML. `source` must keep its identity between renders (a module constant or
 * memoized).
 */
export const StreamedText = memo(function StreamedText({ source }: { source: TextSource }) {
  const el = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const span = el.current!;
    let shown = '';
    let last = document.createTextNode('');
    const show = () => {
      const text = source.read();
      if (text === shown) return;
      if (text.length > shown.length && text.startsWith(shown)) {
        // a piece fills the last node up to NODE_CHARS, the rest goes into new nodes of at most that size
        for (let at = shown.length; at < text.length;) {
          if (last.length >= NODE_CHARS) span.append((last = document.createTextNode('')));
          const end = Math.min(text.length, at + NODE_CHARS - last.length);
          last.appendData(text.slice(at, end));
          at = end;
        }
      } else span.replaceChildren((last = document.createTextNode(text)));
      shown = text;
    };
    span.replaceChildren(last);
    show();
    return source.subscribe(show);
  }, [source]);
  return <span ref={el} />;
});
