/**
 * Relation extraction: Taiyi's prompt wordings and a parser for `{type}: [A, B]; [C, D]` answers
 * (formats.md §2). Pairs are `[head, tail]` in the schema's direction (CMeIE: subject, object).
 */
import type { Lang } from '../lang.ts';
import { joinNames, relationKey, splitLines, uniqueBy } from '../text.ts';
import {
  bracketGroups,
  cleanItem,
  cleanLine,
  cutTruncated,
  field,
  isNone,
  parseJsonAnswer,
  pickTemplate,
  resolveName,
  splitPair,
  splitTriple,
  stripSpecialTokens,
} from './parse.ts';
import type { ParseNote, ParseOptions } from './parse.ts';

export interface Relation {
  type: string;
  head: string;
  tail: string;
}

/** `types` are CMeIE predicates, DDI labels or one description; `template` indexes the single-type templates. */
export interface ReOptions extends ParseOptions {
  /** English prompt with several types: what the entities are (`drug` → "relations of drug entity pairs"). */
  entityKind?: string;
}

export interface ReResult {
  /** Unique (type, head, tail) triples in answer order. */
  relations: Relation[];
  unparsed: string[];
  /** How the answer was read where that changes the result (a cut-off last pair); absent when nothing to say. */
  notes?: ParseNote[];
}

/** English wording of one relation type: `chemical-induced disease` → `chemical-induced disease relation`. */
function describe(type: string): string {
  return /\brelation\b/i.test(type) ? type : `${type} relation`;
}

type ReTemplate = (text: string, types: readonly string[]) => string;

/** Taiyi's trained relation prompts; English templates take one type (several types use the DDI wording). */
export const RE_TEMPLATES: Readonly<Record<Lang, readonly ReTemplate[]>> = {
  en: [
    (text, [t]) => `Extract all entity pairs with the ${describe(t)} in the following text:\n${text}`,
    (text, [t]) => `Extract the ${describe(t)} from the text:\n${text}`,
    (text, [t]) => `Return all entity pairs with the ${describe(t)} in the text:\n${text}`,
    (text, [t]) => `${describe(t)} extraction:\n${text}`,
  ],
  zh: [
    (text, types) => `给出句子中${joinNames(types, 'zh')}关系类型的实体对：${text}`,
    (text, types) => `找出下面文本中具有${joinNames(types, 'zh')}关系的实体对：\n${text}`,
  ],
};

/** Builds Taiyi's relation-extraction prompt. */
export function buildRePrompt(text: string, options: ReOptions, lang: Lang): string {
  if (lang === 'en' && options.types.length > 1) {
    // The only verified multi-type English wording (DDI); its full-width colon is verbatim.
    const kind = options.entityKind ? `${options.entityKind} ` : '';
    return `Find the relations of ${kind}entity pairs in the text：\n${text}\nRelation Types: ${options.types.join(', ')}`;
  }
  return pickTemplate(RE_TEMPLATES[lang], options.template)(text, options.types);
}

function relKeyCore(key: string): string {
  return key
    .replace(/^具有/, '')
    .replace(/关系(?:类型)?的?(?:实体对)?(?:如下|为|是|有)?$/, '')
    .replace(/的?实体对(?:如下|为|是|有)?$/, '')
    .replace(/^(?:all\s+)?(?:entity\s+)?pairs\s+with\s+(?:the\s+)?/i, '')
    .replace(/\s+relations?$/i, '')
    .trim();
}

function resolveRelType(key: string, options: ReOptions): string | null {
  const core = relKeyCore(key);
  return (core && resolveName(core, options.types, options.aliases)) || resolveName(key, options.types, options.aliases);
}

/** Splits a line into the text before its pairs (the type) and the pairs. */
function splitRelLine(line: string): { key: string | null; value: string } {
  const bracket = line.search(/[[【]/);
  const head = bracket < 0 ? line : line.slice(0, bracket);
  const colon = head.search(/[:：]/);
  if (colon >= 0) return { key: line.slice(0, colon).trim() || null, value: line.slice(colon + 1).trim() };
  if (bracket > 0) return { key: head.trim() || null, value: line.slice(bracket) };
  return { key: null, value: line };
}

/** The pairs of a value: `[A, B]` groups, else `(A, B)` groups; a `[S, P, O]` triple names its own type. */
function pairsOf(value: string, options: ReOptions): { type: string | null; head: string; tail: string }[] {
  let groups = bracketGroups(value);
  if (groups.length === 0) groups = bracketGroups(value, '(（', ')）');
  const out: { type: string | null; head: string; tail: string }[] = [];
  for (const g of groups) {
    const triple = splitTriple(g.inner);
    const named = triple ? resolveRelType(triple[1], options) : null;
    if (triple && named) {
      out.push({ type: named, head: triple[0], tail: triple[2] });
      continue;
    }
    const pair = splitPair(g.inner);
    if (pair) out.push({ type: null, head: pair[0], tail: pair[1] });
  }
  return out;
}

/**
 * Parses a Taiyi relation answer: one line per type (`具有X关系的实体对如下：[A, B]; [C, D]`, `ADVISE: [A, B]`),
 * a type line followed by pair lines, or bare `[A, B]` pairs when one type was asked for. Accepts `,` and `，`
 * inside pairs, `(A, B)` pairs, `[S, P, O]` triples and JSON-shaped answers. Types outside the requested set
 * are reported as unparsed. Never throws.
 */
export function parseRe(output: string, options: ReOptions): ReResult {
  let text = stripSpecialTokens(output);
  const notes: ParseNote[] = [];
  if (options.truncated) {
    // A pair is whole once its bracket closes; anything after the last one is cut off.
    const cut = cutTruncated(text, /[\]】)）]|\n/g);
    text = cut.kept;
    notes.push(cut.note);
  }
  const json = parseJsonAnswer(text);
  const result = json === undefined ? parseReLines(text, options) : parseReJson(json, text, options);
  return notes.length ? { ...result, notes } : result;
}

function parseReLines(output: string, options: ReOptions): ReResult {
  const relations: Relation[] = [];
  const unparsed: string[] = [];
  const single = options.types.length === 1 ? options.types[0] : null;
  let pending: string | null = null;
  for (const raw of splitLines(output)) {
    const line = cleanLine(raw);
    if (!line) continue;
    const { key, value } = splitRelLine(line);
    const pairs = pairsOf(value, options);
    const named = key ? resolveRelType(key, options) : null;
    const type = named ?? (key ? (pairs.length ? single : null) : (pending ?? single));
    if (key && named && value === '') {
      pending = named;
      continue;
    }
    const found = pairs.filter((p) => p.type ?? type);
    if (found.length) {
      for (const p of found) relations.push({ type: (p.type ?? type) as string, head: p.head, tail: p.tail });
      continue;
    }
    if (type && isNone(value)) continue;
    if (!isNone(line)) unparsed.push(line);
  }
  return { relations: uniqueBy(relations, relationKey), unparsed };
}

const HEAD_FIELDS = ['subject', 'head', 'source', 'chemical', 'drug', 'entity1', 'e1', 'arg1', '主体', '头实体'];
const TAIL_FIELDS = ['object', 'tail', 'target', 'disease', 'entity2', 'e2', 'arg2', '客体', '尾实体'];
const REL_FIELDS = ['predicate', 'relation', 'type', 'label', 'relation_type', '关系', '关系类型'];

/** `[{"subject", "predicate", "object"}]`, `{"type": [["a", "b"]]}`, `[["a", "b"]]` or `[["s", "p", "o"]]`. */
function parseReJson(json: unknown, text: string, options: ReOptions): ReResult {
  const relations: Relation[] = [];
  const single = options.types.length === 1 ? options.types[0] : null;
  let shaped = false;
  const push = (type: string | null, head: unknown, tail: unknown) => {
    if (!type || typeof head !== 'string' || typeof tail !== 'string' || !cleanItem(head) || !cleanItem(tail)) return;
    shaped = true;
    relations.push({ type, head: cleanItem(head), tail: cleanItem(tail) });
  };
  const visit = (node: unknown, type: string | null) => {
    if (Array.isArray(node)) {
      if (node.length === 2 && node.every((x) => typeof x === 'string')) return push(type, node[0], node[1]);
      if (node.length === 3 && node.every((x) => typeof x === 'string')) {
        const named = resolveRelType(node[1] as string, options);
        if (named) return push(named, node[0], node[2]);
      }
      for (const item of node) visit(item, type);
    } else if (node && typeof node === 'object') {
      const rec = node as Record<string, unknown>;
      const head = field(rec, HEAD_FIELDS);
      const tail = field(rec, TAIL_FIELDS);
      if (head !== undefined && tail !== undefined) {
        const rel = field(rec, REL_FIELDS);
        return push(rel === undefined ? type : resolveRelType(rel, options), head, tail);
      }
      for (const [key, value] of Object.entries(rec)) visit(value, resolveRelType(key, options) ?? type);
    }
  };
  visit(json, single);
  const unparsed = shaped
    ? []
    : splitLines(text)
        .map((l) => l.trim())
        .filter(Boolean);
  return { relations: uniqueBy(relations, relationKey), unparsed };
}

/** Writes relations in Taiyi's answer format, one line per type. */
export function renderRe(relations: readonly Relation[], lang: Lang): string {
  const byType = new Map<string, string[]>();
  for (const r of relations) {
    const pair = `[${r.head}, ${r.tail}]`;
    const list = byType.get(r.type) ?? [];
    if (!list.includes(pair)) list.push(pair);
    byType.set(r.type, list);
  }
  return [...byType].map(([type, pairs]) => (lang === 'zh' ? `具有${type}关系的实体对如下：` : `${type}: `) + pairs.join('; ')).join('\n');
}
