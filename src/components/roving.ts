/**
 * Keyboard movement within a group that holds one tab stop (tabs, highlighted mentions, table rows): arrows step,
 * Home and End jump to the ends.
 */
export type RovingAxis = 'horizontal' | 'vertical' | 'both';

const STEPS: Record<RovingAxis, Record<string, number>> = {
  horizontal: { ArrowRight: 1, ArrowLeft: -1 },
  vertical: { ArrowDown: 1, ArrowUp: -1 },
  both: { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 },
};

/**
 * The index `key` moves to from `at` among `count` items, or undefined when the key is no move (or there is nothing
 * to move to). Steps past an end wrap around with `wrap`, else stop at the end.
 */
export function rovingIndex(key: string, at: number, count: number, axis: RovingAxis, wrap = false): number | undefined {
  if (count < 1) return undefined;
  const target = key === 'Home' ? 0 : key === 'End' ? count - 1 : key in STEPS[axis] ? at + STEPS[axis][key]! : undefined;
  if (target === undefined) return undefined;
  return wrap ? (target + count) % count : Math.min(count - 1, Math.max(0, target));
}
