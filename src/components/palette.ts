/**
 * Entity type styles: eight Okabe–Ito colours (distinguishable with the common colour-vision deficiencies)
 * times four underline patterns, so a type never depends on colour alone. Styles are assigned by a type's
 * position in the list the caller keeps stable (preset order, then first appearance).
 */
const COLOURS = 8;
const PATTERNS = 4;

/** The CSS classes of the type at `index`: colour `c0`–`c7`, pattern `p0`–`p3` (unique for 32 types). */
export function typeClasses(index: number): string {
  const i = Math.max(0, index);
  return `c${i % COLOURS} p${(i + Math.floor(i / COLOURS)) % PATTERNS}`;
}

/** Index of every type, in the order given, for {@link typeClasses}. */
export function typeIndex(types: Iterable<string>): Map<string, number> {
  const map = new Map<string, number>();
  for (const t of types) if (!map.has(t)) map.set(t, map.size);
  return map;
}
