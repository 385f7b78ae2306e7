/** One example's gold beside its prediction, item by item, for reading where a score comes from. */
import { entityKey, relationKey } from '../text.ts';
import type { Gold } from './types.ts';

export interface ComparedItem {
  /** As a person reads it: `Chemical: aspirin`, `CID: [D001241, D001249]`, a label, an answer. */
  label: string;
  inGold: boolean;
  inPrediction: boolean;
}

function keyed(gold: Gold): Map<string, string> {
  if ('entities' in gold) return new Map(gold.entities.map((e) => [entityKey(e), `${e.type}: ${e.text}`]));
  if ('relations' in gold) return new Map(gold.relations.map((r) => [relationKey(r), `${r.type}: [${r.head}, ${r.tail}]`]));
  if ('labels' in gold) return new Map(gold.labels.map((l) => [l, l]));
  return gold.answer ? new Map([[gold.answer, gold.answer]]) : new Map();
}

/** Gold items first (found or missed), then predicted items the gold lacks. Exact matches, as the scorer counts. */
export function compareGold(gold: Gold, predicted: Gold): ComparedItem[] {
  const g = keyed(gold);
  const p = keyed(predicted);
  const out: ComparedItem[] = [...g].map(([key, label]) => ({ label, inGold: true, inPrediction: p.has(key) }));
  for (const [key, label] of p) if (!g.has(key)) out.push({ label, inGold: false, inPrediction: true });
  return out;
}
