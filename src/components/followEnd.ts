import { useEffect, type RefObject } from 'react';

/** How close to the end (px) still counts as reading the end. */
const AT_END_PX = 8;

/**
 * Keeps a scrolling box's end in view while its content grows, as long as the reader is at the end: scrolling
 * up to read stops following, scrolling back down resumes. `content` is the block inside the box that grows.
 *
 * Growth is heard from a ResizeObserver, which the browser calls after it has laid the new text out: reading and
 * setting the scroll position there costs no layout of its own. (Watching mutations instead forces a layout of
 * the page in the very task that appends a piece.)
 */
export function useFollowEnd(box: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const outer = box.current;
    const inner = content.current;
    if (!outer || !inner || typeof ResizeObserver === 'undefined') return;
    let atEnd = true;
    let height = -1;
    /** Where following last scrolled the box to. */
    let followedTo = Infinity;
    // the event of the box's own scroll comes a frame later, when the text may have grown past it again: only the
    // reader moving up from there stops following
    const onScroll = () =>
      (atEnd = outer.scrollHeight - outer.scrollTop - outer.clientHeight <= AT_END_PX || outer.scrollTop >= followedTo);
    const grown = new ResizeObserver(([entry]) => {
      const before = height;
      height = entry.contentRect.height;
      // the first call reports the size at mount: a text shown whole opens at its start
      if (before >= 0 && height > before && atEnd) {
        outer.scrollTop = outer.scrollHeight;
        followedTo = outer.scrollTop;
      }
    });
    outer.addEventListener('scroll', onScroll, { passive: true });
    grown.observe(inner);
    return () => {
      outer.removeEventListener('scroll', onScroll);
      grown.disconnect();
    };
  }, [box, content]);
}
