import { memo, useLayoutEffect, useRef } from 'react';

/**
 * Text that grows while a model streams, rendered append-only: each update adds a text node with what is new
 * instead of resetting the whole text, so the browser lays out the new words only. Any other change (a new
 * run) replaces the text. Always text nodes, never HTML.
 */
export const StreamedText = memo(function StreamedText({ text }: { text: string }) {
  const el = useRef<HTMLSpanElement>(null);
  const shown = useRef('');
  useLayoutEffect(() => {
    const span = el.current;
    if (!span) return;
    if (text.startsWith(shown.current) && span.childNodes.length) {
      if (text.length > shown.current.length) span.append(text.slice(shown.current.length));
    } else span.replaceChildren(text);
    shown.current = text;
  }, [text]);
  return <span ref={el} />;
});
