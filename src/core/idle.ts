/**
 * Runs `task` once the thread is idle (at the latest after `timeoutMs`), or on the next turn where there are no
 * idle callbacks (Safari, Node).
 */
export function whenIdle(task: () => void, timeoutMs = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout: timeoutMs });
  else setTimeout(task, 0);
}
