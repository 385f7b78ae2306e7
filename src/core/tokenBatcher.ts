/**
 * Collects streamed pieces and hands them on at most once per interval (the first piece at once). The page
 * renders at most ten times a second, so a 500-token answer costs a few dozen renders whatever the model's
 * speed: every render taken from the page is time the engine waits for a core (flushing per animation frame
 * slowed decoding by a third). Engine workers post their pieces the same way, so the page is not woken per token.
 */
export const FLUSH_INTERVAL_MS = 100;

export function createTokenBatcher(flush: (text: string) => void, intervalMs = FLUSH_INTERVAL_MS) {
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
      if (timer === undefined) timer = setTimeout(run, Math.max(0, lastFlush + intervalMs - performance.now()));
    },
    /** Delivers whatever is pending now (end of a run). */
    drain: run,
  };
}
