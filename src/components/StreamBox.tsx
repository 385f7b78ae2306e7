import { useRef, type HTMLAttributes, type ReactNode } from 'react';
import { useFollowEnd } from './followEnd';

/**
 * The scrolling box a streamed answer shows in (`.output-raw`): it keeps the end in view while the text grows,
 * unless the reader scrolls up (`useFollowEnd`). `busy` while the answer streams.
 */
export function StreamBox({ busy, children, ...attributes }: { busy: boolean; children: ReactNode } & HTMLAttributes<HTMLPreElement>) {
  const box = useRef<HTMLPreElement>(null);
  const content = useRef<HTMLSpanElement>(null);
  useFollowEnd(box, content);
  return (
    <pre {...attributes} className="output-raw" aria-busy={busy} ref={box}>
      <span className="output-raw-content" ref={content}>
        {children}
      </span>
    </pre>
  );
}
