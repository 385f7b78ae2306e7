/**
 * Collects streamed pieces and hands them on at most about once per interval (the first piece at once). The page
 * renders at most ten times a second (less where drawing costs more, `store/displayPace`), so a 500-token answer
 * costs a few dozen renders whatever the model's speed: every render taken from the page is time the engine waits
 * for a core (flushing per animation frame slowed decoding by a third). Engine workers post their pieces the same
 * way, so the page is not woken per token.
 */
export const FLUSH_INTERVAL_MS = 100;
/** The longest pause between two updates of a stream, whatever they cost: a stream must still look alive. */
export const MAX_FLUSH_INTERVAL_MS = 400;

/**
 * The share of an interval a piece may come early and still be handed on at once: pieces that arrive on their own
 * schedule of the same interval (a worker's posts) go straight through, instead of each waiting a few
 * milliseconds for a timer of its own.
 */
const EARLY_SHARE = 0.25;

/** `interval`: milliseconds, or a function asked at every piece (a page that paces itself, `store/displayPace`). */
export function createTokenBatcher(flush: (text: string) => void, interval: number | (() => number) = FLUSH_INTERVAL_MS) {
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = -Infinity;
  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending) {
      const text = pending;
      pending = '';
      lastFlush = performance.now();
      flush(text);
    }
  };
  return {
    push(piece: string) {
      pending += piece;
      if (timer !== undefined) return;
      const intervalMs = typeof interval === 'number' ? interval : interval();
      const wait = lastFlush + intervalMs - performance.now();
      if (wait <= intervalMs * EARLY_SHARE) run();
      else timer = setTimeout(run, wait);
    },
    /** Delivers whatever is pending now (end of a run). */
    drain: run,
  };
}
