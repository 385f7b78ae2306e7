/**
 * Named entity recognition: Taiyi's prompt wordings and a lenient parser for its answers
 * (`{type}：{m1}; {m2}` per line; see formats.md §1).
 */
import type { Lang } from '../lang.ts';
import { entityKey, joinNames, splitLines, uniqueBy } from '../text.ts';
import {
  SourceText,
  bracketGroups,
  cleanItem,
  cleanLine,
  cutTruncated,
  field,
  isNone,
  isNoneValue,
  parseJsonAnswer,
  pickTemplate,
  resolveName,
  splitItems,
  splitKeyValue,
  splitPair,
  stripSpecialTokens,
} from './parse.ts';
import type { ParseNote, ParseOptions } from './parse.ts';

/** An entity mention as the model names it: a type and a surface string (not yet located in the text). */
export interface Entity {
  type: string;
  text: string;
}

/** `template` indexes {@link NER_TEMPLATES}[lang]. */
export interface NerOptions extends ParseOptions {
  /**
   * The input text, when known: it decides whether `a, b` (or `a、b`) is two mentions and whether a bare
   * `NO` is nitric oxide or "nothing".
   */
  source?: string;
}

export interface NerResult {
  /** Unique (type, text) pairs, case-sensitive, in answer order. */
  entities: Entity[];
  /** Non-empty answer lines that yielded nothing. */
  unparsed: string[];
  /** How the answer was read where that changes the result (a cut-off last mention); absent when nothing to say. */
  notes?: ParseNote[];
}

type NerTemplate = (text: string, types: readonly string[]) => string;

/** Taiyi's trained NER instructions (README, training data and slides), per language. */
export const NER_TEMPLATES: Readonly<Record<Lang, readonly NerTemplate[]>> = {
  en: [
    (text, types) => `Extract the ${joinNames(types, 'en')} entities from the following text:\n${text}`,
    (text, types) => `Identify ${joinNames(types, 'en')} entities in the following text:\n${text}`,
    (text, types) => `Extract the ${types.join(' and ')} entities from the following text:\n${text}`,
    (text, types) => `Find the ${joinNames(types, 'en')} entity in the following text:\n${text}`,
  ],
  zh: [
    (text, types) => `从下面文本中识别出指定的实体类型：\n${text}\n实体类型：${joinNames(types, 'zh')}`,
    (text, types) => `实体识别：\n${text}\n实体选项：${joinNames(types, 'zh')}`,
    (text, types) => `请识别以下文本中的实体：\n${text}\n实体类型：${joinNames(types, 'zh')}`,
    (text, types) => `找出下面文本中的${joinNames(types, 'zh')}实体：“${text}”`,
  ],
};

/** Builds Taiyi's entity-recognition prompt for a text and a list of types. */
export function buildNerPrompt(text: string, options: NerOptions, lang: Lang): string {
  return pickTemplate(NER_TEMPLATES[lang], options.template)(text, options.types);
}

/** Strips the prose around a type name: `上述文本中包含的疾病为`, `Here are the disease entities mentioned`. */
function typeKeyCore(key: string): string {
  return key
    .replace(/^上述(?:文本|句子|段落|内容)?中?(?:包含|含有|存在|提及|提到|出现)?的?/, '')
    .replace(/(?:实体)?(?:类型)?(?:为|是|有|如下)?$/, '')
    .replace(/^(?:here (?:are|is)|these are|the following are)\s+(?:the\s+)?/i, '')
    .replace(/^(?:the|all)\s+/i, '')
    .replace(/(?:实体)?名称$/, '')
    .replace(/\s+(?:entit(?:y|ies)|mentions?|names?|terms?)\b.*$/i, '')
    .trim();
}

function resolveType(key: string, options: NerOptions): string | null {
  const core = typeKeyCore(key);
  return (core && resolveName(core, options.types, options.aliases)) || resolveName(key, options.types, options.aliases);
}

/**
 * Parses a Taiyi NER answer. Accepts ASCII and full-width colons and semicolons, empty right-hand sides,
 * `上述文本中包含的X为：…` lines, a type line followed by one mention per line, `[mention，type]` lists and
 * JSON-shaped answers. Types are matched case-insensitively after normalisation and returned as requested;
 * lines with other types are reported. A placeholder (`无`, `None found`) means "nothing" only as a whole
 * right-hand side or a whole answer. Never throws.
 */
export function parseNer(output: string, options: NerOptions): NerResult {
  let text = stripSpecialTokens(output);
  const notes: ParseNote[] = [];
  if (options.truncated) {
    const cut = cutTruncated(text, /[;；\n:：]/g);
    text = cut.kept;
    notes.push(cut.note);
  }
  const source = options.source === undefined ? undefined : new SourceText(options.source);
  const json = parseJsonAnswer(text);
  const result = json === undefined ? parseNerLines(text, options, source) : parseNerJson(json, text, options, source);
  return notes.length ? { ...result, notes } : result;
}

function parseNerLines(output: string, options: NerOptions, source: SourceText | undefined): NerResult {
  const entities: Entity[] = [];
  const unparsed: string[] = [];
  let pending: string | null = null;
  for (const raw of splitLines(output)) {
    const line = cleanLine(raw);
    if (!line) {
      pending = null;
      continue;
    }
    if (/^[[【]/.test(line)) {
      const found = parseTypedBrackets(line, options);
      if (found.length) entities.push(...found);
      else unparsed.push(line);
      continue;
    }
    const kv = splitKeyValue(line);
    const type = kv ? resolveType(kv.key, options) : null;
    if (kv && type) {
      if (!isNoneValue(kv.value, source)) for (const text of splitItems(kv.value, source)) entities.push({ type, text });
      pending = kv.value === '' ? type : null;
      continue;
    }
    if (pending && !kv) {
      // Under an empty type line, a sentence saying there is nothing is not a mention, nor is other prose.
      if (isNone(line)) continue;
      if (isProse(line)) unparsed.push(line);
      else for (const text of splitItems(line, source)) entities.push({ type: pending, text });
      continue;
    }
    if (!isNone(line)) unparsed.push(line);
  }
  return { entities: uniqueBy(entities, entityKey), unparsed };
}

/** A sentence rather than a mention: five or more words ending in a full stop. */
function isProse(line: string): boolean {
  return /[.。]$/.test(line) && line.split(/\s+/).length >= 5;
}

const TEXT_FIELDS = ['text', 'entity', 'mention', 'name', 'value', 'span', 'word', '实体', '名称'];
const TYPE_FIELDS = ['type', 'label', 'entity_type', 'category', 'class', '类型', '实体类型'];

/**
 * `{"Chemical": ["a", "b"], "Disease": []}`, `[{"entity": "a", "type": "Chemical"}]` or `[["a", "Chemical"]]`.
 * JSON that fits none of these shapes is reported whole.
 */
function parseNerJson(json: unknown, text: string, options: NerOptions, source: SourceText | undefined): NerResult {
  const entities: Entity[] = [];
  const add = (type: string | null, value: unknown) => {
    if (!type) return;
    if (typeof value === 'string') {
      if (!isNoneValue(value, source)) for (const t of splitItems(value, source)) entities.push({ type, text: t });
    } else if (Array.isArray(value)) {
      for (const v of value) {
        if (typeof v === 'string' && cleanItem(v)) entities.push({ type, text: cleanItem(v) });
        else if (v && typeof v === 'object' && !Array.isArray(v)) add(type, field(v as Record<string, unknown>, TEXT_FIELDS));
      }
    }
  };
  let shaped = false;
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) {
        if (Array.isArray(item) && item.length === 2 && item.every((x) => typeof x === 'string')) {
          shaped = true;
          const [a, b] = item as string[];
          const second = resolveType(b, options);
          if (second) add(second, a);
          else add(resolveType(a, options), b);
        } else if (item && typeof item === 'object' && !Array.isArray(item)) {
          const rec = item as Record<string, unknown>;
          const type = field(rec, TYPE_FIELDS);
          const mention = field(rec, TEXT_FIELDS);
          if (type !== undefined && mention !== undefined) {
            shaped = true;
            add(resolveType(type, options), mention);
          } else visit(rec);
        } else if (typeof item === 'string' && options.types.length === 1) {
          shaped = true;
          add(options.types[0], item);
        }
      }
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        const type = resolveType(key, options);
        if (type) {
          shaped = true;
          add(type, value);
        } else if (value && typeof value === 'object') visit(value);
      }
    }
  };
  visit(json);
  const unparsed = shaped
    ? []
    : splitLines(text)
        .map((l) => l.trim())
        .filter(Boolean);
  return { entities: uniqueBy(entities, entityKey), unparsed };
}

/** `[沙眼衣原体肺炎，疾病], [磺胺二甲基异唑，药物]`: the type may come second or first. */
function parseTypedBrackets(line: string, options: NerOptions): Entity[] {
  const out: Entity[] = [];
  for (const group of bracketGroups(line)) {
    const pair = splitPair(group.inner);
    if (!pair) continue;
    const second = resolveName(pair[1], options.types, options.aliases);
    const first = second ? null : resolveName(pair[0], options.types, options.aliases);
    if (second) out.push({ type: second, text: cleanItem(pair[0]) });
    else if (first) out.push({ type: first, text: cleanItem(pair[1]) });
  }
  return out;
}

/** Writes entities in Taiyi's answer format: one line per type, mentions joined by `; `. */
export function renderNer(entities: readonly Entity[], lang: Lang): string {
  const byType = new Map<string, string[]>();
  for (const e of entities) {
    const list = byType.get(e.type) ?? [];
    if (!list.includes(e.text)) list.push(e.text);
    byType.set(e.type, list);
  }
  const sep = lang === 'zh' ? '：' : ': ';
  return [...byType].map(([type, mentions]) => `${type}${sep}${mentions.join('; ')}`).join('\n');
}
