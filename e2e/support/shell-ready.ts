/**
 * An init script (a string, so a script runner's helpers never reach the page): stamps `window.shellReadyAt`, by the
 * page's clock, in the first frame in which the shell is interactive: the tabs and the default tab's input are there
 * and the model list is filled and enabled. `npm run bench:startup` and `e2e/startup.spec.ts` read it.
 */
export const WATCH_FOR_SHELL = `(() => {
  const ready = () => {
    const select = document.querySelector('[data-testid="model-select"]');
    return !!document.querySelector('[role="tab"]') && !!document.querySelector('[data-testid="task-input"]') &&
      !!select && !select.disabled && select.options.length > 1;
  };
  const frame = () => (ready() ? (window.shellReadyAt = performance.now()) : requestAnimationFrame(frame));
  requestAnimationFrame(frame);
})();`;
