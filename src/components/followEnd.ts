import { useEffect, type RefObject } from 'react';

/** How close to the end (px) still counts as reading the end. */
const AT_END_PX = 8;

/**
 * Keeps a scrolling box's end in view while its text grows, as long as the reader is at the end: scrolling up
 * to read stops following, scrolling back down resumes.
 */
export function useFollowEnd(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    let atEnd = true;
    const onScroll = () => (atEnd = box.scrollHeight - box.scrollTop - box.clientHeight <= AT_END_PX);
    const grown = new MutationObserver(() => {
      if (atEnd && box.scrollHeight > box.clientHeight) box.scrollTop = box.scrollHeight;
    });
    box.addEventListener('scroll', onScroll, { passive: true });
    grown.observe(box, { childList: true, characterData: true, subtree: true });
    return () => {
      box.removeEventListener('scroll', onScroll);
      grown.disconnect();
    };
  }, [ref]);
}
