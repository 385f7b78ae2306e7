/**
 * Collects streamed pieces and hands them on at most once per animation frame, so a 500-token answer
 * costs a few dozen renders rather than 500.
 */
export function createTokenBatcher(flush: (text: string) => void) {
  let pending = '';
  let scheduled = 0;
  const schedule =
    typeof requestAnimationFrame === 'function'
      ? (fn: () => void) => requestAnimationFrame(fn)
      : (fn: () => void) => setTimeout(fn, 16) as unknown as number;
  const run = () => {
    scheduled = 0;
    if (pending) {
      const text = pending;
      pending = '';
      flush(text);
    }
  };
  return {
    push(piece: string) {
      pending += piece;
      if (!scheduled) scheduled = schedule(run);
    },
    /** Delivers whatever is pending now (end of a run). */
    drain: run,
  };
}
