/**
 * Runs `run` at most once per `intervalMs`: `schedule` asks for a run (the first at the next task, later ones once
 * the interval since the last has passed), `now` runs at once and cancels what was asked.
 */
export function throttle(run: () => void, intervalMs: number): { schedule: () => void; now: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const now = () => {
    clearTimeout(timer);
    timer = undefined;
    last = performance.now();
    run();
  };
  return {
    schedule: () => void (timer ??= setTimeout(now, Math.max(0, last + intervalMs - performance.now()))),
    now,
  };
}
