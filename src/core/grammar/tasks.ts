/**
 * The grammar of each task's answer, built from the task's options and the prompt language so a constrained
 * model can only write what the parser reads: the types, labels and roles asked for, in Taiyi's own layout
 * (formats.md). Free-text tasks (translation, titles, chat, free QA) have none.
 *
 * No rule names the end token: when `root` is complete both engines allow nothing but the model's end token
 * (xgrammar adds the stop tokens, llama.cpp its end-of-generation tokens), so every answer ends with it.
 */
import type { Lang } from '../lang.ts';
import type { ClassifyOptions } from '../tasks/classify.ts';
import { CDEE_ROLES, type EventOptions } from '../tasks/events.ts';
import type { NerOptions } from '../tasks/ner.ts';
import type { QaOptions } from '../tasks/qa.ts';
import type { ReOptions } from '../tasks/relations.ts';
import { SIMILARITY_LABELS, type SimilarityOptions } from '../tasks/similarity.ts';
import { GrammarBuilder, alt, lit, noneOf, opt, repeat, seq, star, tag, type GNode, type Grammar } from './ast.ts';

/** Longest mention, argument or role value a grammar allows, in characters: it bounds a drifting answer. */
export const MAX_ITEM_CHARS = 80;

/**
 * Beyond this many names, "each at most once" is enforced in the order of the prompt instead of in any order:
 * any order needs one rule per subset of names already used (2^n rules).
 */
export const ANY_ORDER_LIMIT = 4;

const LINE_BREAKS = '\n\r';
/** Characters a parser trims off an item's ends: white space, quotes, a final full stop. */
const UNCLEAN_EDGES = ' \t\u3000"\'“”‘’「」『』《》.。．';

/**
 * Free text of 1..MAX_ITEM_CHARS characters, none of them in `forbidden`, that starts and ends with a character the
 * parsers keep (so the text reads back exactly as written).
 */
function item(b: GrammarBuilder, name: string, forbidden: string): GNode {
  const edge = b.rule(`${name}-edge`, noneOf(LINE_BREAKS + forbidden + UNCLEAN_EDGES));
  const mid = b.rule(`${name}-char`, noneOf(LINE_BREAKS + forbidden));
  return b.rule(name, seq(edge, opt(seq(repeat(mid, 0, MAX_ITEM_CHARS - 2), edge))));
}

/**
 * A `sep`-joined list of `items` using each at most once (at least `min` of them): in any order up to
 * {@link ANY_ORDER_LIMIT} items, in the given order beyond.
 */
function distinct(b: GrammarBuilder, name: string, items: readonly GNode[], sep: string, min: 0 | 1): GNode {
  const n = items.length;
  let list: GNode;
  if (n <= ANY_ORDER_LIMIT) {
    // rest(used): what may follow once the items in the bit set `used` are written
    const rest = new Map<number, GNode>();
    const restOf = (used: number): GNode => {
      const known = rest.get(used);
      if (known) return known;
      const next = items.flatMap((it, i) => (used & (1 << i) ? [] : [seq(lit(sep), it, restOf(used | (1 << i)))]));
      const node = next.length ? b.rule(`${name}-after-${used.toString(2).padStart(n, '0')}`, opt(alt(...next))) : lit('');
      rest.set(used, node);
      return node;
    };
    list = alt(...items.map((it, i) => seq(it, restOf(1 << i))));
  } else {
    list = alt(...items.map((it, i) => seq(it, ...items.slice(i + 1).map((later) => opt(seq(lit(sep), later))))));
  }
  return min === 0 ? opt(list) : list;
}

/** One line per type, each type at most once; Taiyi's training answers may end with a line break. Empty: nothing found. */
function lineList(b: GrammarBuilder, lines: readonly GNode[]): GNode {
  return opt(seq(distinct(b, 'lines', lines, '\n', 1), opt(lit('\n'))));
}

/** `Chemical: a; b` (`疾病：a; b` in Chinese), one line per requested type, each type at most once. */
export function nerGrammar(options: NerOptions, lang: Lang): Grammar {
  const b = new GrammarBuilder();
  const mention = tag('mention', item(b, 'mention', ';；'));
  const mentions = seq(mention, star(seq(lit('; '), mention)));
  const sep = lang === 'zh' ? '：' : ': ';
  const lines = options.types.map((type, i) => b.rule(`line-${i + 1}`, tag('line', seq(tag('type', lit(type)), lit(sep), mentions))));
  return b.root(lineList(b, lines));
}

/** `type: [a, b]; [c, d]` (`具有type关系的实体对如下：[a, b]` in Chinese), one line per requested type. */
export function reGrammar(options: ReOptions, lang: Lang): Grammar {
  const b = new GrammarBuilder();
  const brackets = '[]【】;；';
  // the parser splits a pair at its first `, `: a head may hold commas (`2,3-dichlorophenol`), never `, `
  const segment = item(b, 'head-part', `${brackets},，`);
  const head = b.rule('head', seq(segment, star(seq(lit(','), segment))));
  const tail = item(b, 'tail', brackets);
  const pair = b.rule('pair', tag('pair', seq(lit('['), tag('head', head), lit(', '), tag('tail', tail), lit(']'))));
  const pairs = seq(pair, star(seq(lit('; '), pair)));
  const lines = options.types.map((type, i) => {
    const key =
      lang === 'zh' ? seq(lit('具有'), tag('type', lit(type)), lit('关系的实体对如下：')) : seq(tag('type', lit(type)), lit(': '));
    return b.rule(`line-${i + 1}`, tag('line', seq(key, pairs)));
  });
  return b.root(lineList(b, lines));
}

/** `Result: label` (`上述文本被分类为：label`): one offered label, or several distinct ones joined by `; `. */
export function classifyGrammar(options: ClassifyOptions, lang: Lang): Grammar {
  const b = new GrammarBuilder();
  const labels = options.labels.map((label) => tag('label', lit(label)));
  const value = options.multiLabel ? distinct(b, 'labels', labels, '; ', 1) : alt(...labels);
  return b.root(seq(lit(lang === 'zh' ? '上述文本被分类为：' : 'Result: '), value));
}

/** Multiple choice: one option letter, optionally `. ` and that option's text; yes/no/maybe (是/否/可能). */
export function qaGrammar(options: QaOptions, lang: Lang): Grammar | null {
  const b = new GrammarBuilder();
  if (options.format === 'choice') {
    const choices = Object.entries(options.choices ?? {});
    if (!choices.length) return null;
    return b.root(alt(...choices.map(([letter, text]) => seq(tag('answer', lit(letter)), text ? opt(lit(`. ${text}`)) : lit('')))));
  }
  if (options.format === 'yesno') {
    const words: ReadonlyArray<readonly [string, string]> = [
      ['yes', '是'],
      ['no', '否'],
      ['maybe', '可能'],
    ];
    return b.root(alt(...words.map(([en, zh]) => tag('answer', lit(lang === 'zh' ? zh : en)))));
  }
  return null;
}

/**
 * Chinese: `上述句子中的临床发现事件如下：` and one line per event with every role, values possibly empty
 * (`主体词：疼痛；发生状态：；…`). English: `Type: (Trigger: t, Role: v]` per event, each role at most once
 * (the `(`…`]` mismatch is Taiyi's).
 */
export function eventsGrammar(options: EventOptions, lang: Lang): Grammar {
  const b = new GrammarBuilder();
  if (lang === 'zh') {
    const type = options.eventTypes[0] ?? '临床发现';
    const roles = options.roles.length ? options.roles : CDEE_ROLES;
    const value = item(b, 'value', ';；');
    const fields = roles.map((role) => tag('argument', seq(tag('role', lit(role)), lit('：'), opt(tag('text', value)))));
    const event = b.rule('event', tag('event', seq(...fields.flatMap((f, i) => (i ? [lit('；'), f] : [f])))));
    return b.root(seq(lit(`上述句子中的`), tag('type', lit(type)), lit('事件如下：'), star(seq(lit('\n'), event))));
  }
  const value = item(b, 'value', '()[]（）【】,，;；');
  const argument = (role: string) => tag('argument', seq(tag('role', lit(role)), lit(': '), tag('text', value)));
  const roles = options.roles.filter((r) => r !== 'Trigger').map((role, i) => b.rule(`role-${i + 1}`, argument(role)));
  const more = roles.length ? opt(seq(lit(', '), distinct(b, 'roles', roles, ', ', 1))) : lit('');
  const types = alt(...options.eventTypes.map((t) => tag('type', lit(t))));
  const event = b.rule('event', tag('event', seq(types, lit(': ('), argument('Trigger'), more, lit(']'))));
  return b.root(opt(seq(event, star(seq(lit('\n'), event)))));
}

/** A bare similarity label. */
export function similarityGrammar(options: SimilarityOptions, lang: Lang): Grammar {
  const labels = options.labels ?? SIMILARITY_LABELS[lang];
  return new GrammarBuilder().root(alt(...labels.map((l) => tag('label', lit(l)))));
}
