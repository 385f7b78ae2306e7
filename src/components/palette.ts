/**
 * Entity type styles: eight Okabe–Ito colours (distinguishable with the common colour-vision deficiencies)
 * times four underline patterns, so a type never depends on colour alone. Styles are assigned by a type's
 * position: `typeIndex` numbers a list as given; `stableTypeIndex` gives each type name the position it got
 * the first time this browser showed it, so Chemical looks the same in every document and every visit.
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

const STYLES_KEY = 'taiyi.typeStyles';
let remembered: Map<string, number> | null = null;

function rememberedStyles(): Map<string, number> {
  if (remembered) return remembered;
  remembered = new Map();
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(STYLES_KEY) ?? '{}');
    if (saved && typeof saved === 'object')
      for (const [type, i] of Object.entries(saved)) if (Number.isInteger(i) && (i as number) >= 0) remembered.set(type, i as number);
  } catch {
    // unreadable or no storage: styles are assigned afresh
  }
  return remembered;
}

/**
 * The style position of every type, kept for the type's name across documents and visits: a type seen before
 * keeps its position, a new one takes the lowest free position (in the order given).
 */
export function stableTypeIndex(types: Iterable<string>): Map<string, number> {
  const styles = rememberedStyles();
  const map = new Map<string, number>();
  let added = false;
  for (const t of types) {
    if (map.has(t)) continue;
    let i = styles.get(t);
    if (i === undefined) {
      const used = new Set(styles.values());
      for (i = 0; used.has(i); i++);
      styles.set(t, i);
      added = true;
    }
    map.set(t, i);
  }
  if (added)
    try {
      localStorage.setItem(STYLES_KEY, JSON.stringify(Object.fromEntries(styles)));
    } catch {
      // storage full or disabled: the styles still hold for this visit
    }
  return map;
}
