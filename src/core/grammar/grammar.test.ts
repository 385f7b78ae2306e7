/**
 * Answer grammars: their text in both dialects for every task and language (snapshots), and a round trip
 * holding each grammar against its parser: every sampled answer the grammar accepts parses to exactly the
 * structure the grammar's tags say it has.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../lang.ts';
import { CMEIE_PREDICATES } from '../tasks/cmeie-schema.ts';
import { CDEE_ROLES, TASKS, type PromptTaskId as TaskId, type TaskTypes } from '../tasks/index.ts';
import { CMEEE_TYPES, ENTITY_PRESETS, KUAKE_QIC_LABELS, LABEL_PRESETS, RELATION_PRESETS } from '../tasks/presets.ts';
import { entityKey, relationKey, uniqueBy } from '../text.ts';
import { ANY_ORDER_LIMIT, MAX_ITEM_CHARS } from './tasks.ts';
import { grammarTree, hasGrammar, taskGrammar } from './index.ts';
import { acceptsText, sampleGrammar, type TagTree } from './sample.ts';

interface Case<K extends TaskId = TaskId> {
  name: string;
  task: K;
  lang: Lang;
  options: TaskTypes[K]['options'];
}
const c = <K extends TaskId>(name: string, task: K, lang: Lang, options: TaskTypes[K]['options']): Case =>
  ({ name, task, lang, options }) as Case;

const CASES: Case[] = [
  c('entities bc5cdr', 'entities', 'en', { types: ENTITY_PRESETS.bc5cdr.names.en }),
  c('entities bc5cdr', 'entities', 'zh', { types: ENTITY_PRESETS.bc5cdr.names.zh }),
  c('entities cmeee (in prompt order)', 'entities', 'zh', { types: CMEEE_TYPES }),
  c('entities cmeee (in prompt order)', 'entities', 'en', { types: ENTITY_PRESETS.cmeee.names.en }),
  c('relations bc5cdr-cid', 'relations', 'en', { types: RELATION_PRESETS['bc5cdr-cid'].names.en }),
  c('relations ddi', 'relations', 'en', { types: RELATION_PRESETS.ddi.names.en, entityKind: 'drug' }),
  c('relations cmeie', 'relations', 'zh', { types: CMEIE_PREDICATES.slice(0, 3) }),
  c('relations bc5cdr-cid', 'relations', 'zh', { types: RELATION_PRESETS['bc5cdr-cid'].names.zh }),
  c('events cdee', 'events', 'zh', { eventTypes: ['临床发现'], roles: CDEE_ROLES }),
  c('events', 'events', 'en', { eventTypes: ['Treatment of disease', 'Cause of disease'], roles: ['Cause', 'Theme'] }),
  c('classify litcovid (multi-label)', 'classify', 'en', { labels: LABEL_PRESETS.litcovid.names.en, multiLabel: true }),
  c('classify hoc (multi-label)', 'classify', 'zh', { labels: LABEL_PRESETS.hoc.names.zh.slice(0, 3), multiLabel: true }),
  c('classify kuake-qic (single label)', 'classify', 'zh', { labels: KUAKE_QIC_LABELS }),
  c('classify (single label)', 'classify', 'en', { labels: ['Treatment', 'Diagnosis'] }),
  c('qa choice', 'qa', 'en', { format: 'choice', choices: { A: 'Erythromycin ointment', B: 'Ketotifen eye drops', C: 'Warm compresses' } }),
  c('qa choice', 'qa', 'zh', { format: 'choice', choices: { A: '2小时', B: '4小时内', C: '8小时内', D: '12小时内', E: '24小时内' } }),
  c('qa yes/no/maybe', 'qa', 'en', { format: 'yesno' }),
  c('qa yes/no/maybe', 'qa', 'zh', { format: 'yesno' }),
  c('similarity', 'similarity', 'en', {}),
  c('similarity', 'similarity', 'zh', {}),
];

/** mulberry32: seeded, so every run samples the same answers. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Free text is drawn from characters that stress the separators (commas, colons, brackets, quotes, stops, both
// widths). It leaves out what spells the parser's "nothing here" placeholders (`none`, `no`, `n/a`, `无`, `-`),
// `*` and `<`: the parser drops those words, Markdown bold and end-of-text markers by design.
const ALPHABET = 'abcdefghijklmopqrstuvwxyzABCXYZ0123456789  ,.:：()/+αβ疾病药物，；;[]"“”\'。\n';

const children = (t: TagTree, name: string): TagTree[] => t.children.filter((k) => k.name === name);
const child = (t: TagTree, name: string): string | undefined => children(t, name)[0]?.text;
const all = (tags: TagTree[], name: string) => tags.filter((t) => t.name === name);
const YES_NO: Record<string, string> = { yes: 'yes', no: 'no', maybe: 'maybe', 是: 'yes', 否: 'no', 可能: 'maybe' };

/** What the parser should return for an answer, read from the grammar's tags (the parser's result shape). */
function expected(kase: Case, tags: TagTree[]): unknown {
  switch (kase.task) {
    case 'entities':
      return uniqueBy(
        all(tags, 'line').flatMap((line) => children(line, 'mention').map((m) => ({ type: child(line, 'type')!, text: m.text }))),
        entityKey,
      );
    case 'relations':
      return uniqueBy(
        all(tags, 'line').flatMap((line) =>
          children(line, 'pair').map((p) => ({ type: child(line, 'type')!, head: child(p, 'head')!, tail: child(p, 'tail')! })),
        ),
        relationKey,
      );
    case 'events': {
      const header = child({ name: '', text: '', children: tags }, 'type');
      return all(tags, 'event').map((e) => ({
        type: child(e, 'type') ?? header,
        arguments: children(e, 'argument').map((a) => ({ role: child(a, 'role')!, text: child(a, 'text') ?? '' })),
      }));
    }
    case 'classify': {
      const labels = all(tags, 'label').map((t) => t.text);
      return (kase.options as TaskTypes['classify']['options']).multiLabel ? labels : labels.slice(0, 1);
    }
    case 'qa': {
      const answer = all(tags, 'answer')[0]!.text;
      return (kase.options as TaskTypes['qa']['options']).format === 'yesno' ? YES_NO[answer] : answer;
    }
    case 'similarity':
      return all(tags, 'label')[0]!.text;
    default:
      throw new Error(`no grammar for ${kase.task}`);
  }
}

/** The parser's result in the shape of {@link expected}. */
function parsed(kase: Case, text: string): { value: unknown; unparsed: string[] } {
  const parse = TASKS[kase.task].parse as unknown as (output: string, options: unknown) => Record<string, unknown> & { unparsed: string[] };
  const r = parse(text, kase.options);
  const key = { entities: 'entities', relations: 'relations', events: 'events', classify: 'labels', qa: 'answer', similarity: 'label' }[
    kase.task as string
  ]!;
  return { value: r[key], unparsed: r.unparsed };
}

describe('answer grammars', () => {
  for (const kase of CASES) {
    const title = `${kase.name} (${kase.lang})`;

    it(`${title}: EBNF and GBNF text`, () => {
      const grammar = taskGrammar(kase.task, kase.options as never, kase.lang)!;
      expect(grammar.gbnf).toMatchSnapshot('gbnf');
      expect(grammar.ebnf).toMatchSnapshot('ebnf');
    });

    it(`${title}: every sampled answer is accepted and parses to the grammar's structure`, () => {
      const tree = grammarTree(kase.task, kase.options as never, kase.lang)!;
      const random = seeded(kase.name.length * 31 + kase.lang.length);
      for (let i = 0; i < 150; i++) {
        const { text, tags } = sampleGrammar(tree, random, { alphabet: ALPHABET, maxExtra: 3 });
        expect(acceptsText(tree, text), text).toBe(true);
        const { value, unparsed } = parsed(kase, text);
        expect({ text, value, unparsed }).toEqual({ text, value: expected(kase, tags), unparsed: [] });
      }
    });
  }

  it('has no grammar for free text: translation, titles, chat and free questions', () => {
    for (const task of ['translate', 'title', 'chat'] as const) expect(hasGrammar(task)).toBe(false);
    expect(taskGrammar('translate', { direction: 'en2zh' }, 'en')).toBeNull();
    expect(taskGrammar('qa', { format: 'free' }, 'en')).toBeNull();
    expect(taskGrammar('entities', { types: [] }, 'en')).toBeNull();
    expect(taskGrammar('classify', { labels: [] }, 'zh')).toBeNull();
  });
});

describe('what the grammars refuse', () => {
  const ner = (lang: Lang, types: readonly string[] = ['Chemical', 'Disease']) => grammarTree('entities', { types }, lang)!;

  it('NER: only the requested types, each at most once, in any order when few', () => {
    expect(acceptsText(ner('en'), 'Disease: asthma\nChemical: aspirin; ibuprofen\n')).toBe(true);
    expect(acceptsText(ner('en'), '')).toBe(true);
    expect(acceptsText(ner('en'), 'Gene: BRCA1')).toBe(false);
    expect(acceptsText(ner('en'), 'Chemical: aspirin\nChemical: ibuprofen')).toBe(false);
    expect(acceptsText(ner('en'), 'Chemical：aspirin')).toBe(false);
    expect(acceptsText(ner('zh', ['药物']), '药物：阿司匹林; 布洛芬')).toBe(true);
    expect(acceptsText(ner('zh', ['药物']), '药物: 阿司匹林')).toBe(false);
    const many = ner('zh', CMEEE_TYPES);
    expect(CMEEE_TYPES.length).toBeGreaterThan(ANY_ORDER_LIMIT);
    expect(acceptsText(many, '疾病：感冒\n药物：阿司匹林')).toBe(true);
    expect(acceptsText(many, '药物：阿司匹林\n疾病：感冒')).toBe(false);
  });

  it('NER: mentions are one line, without `;`, clean at both ends and bounded', () => {
    expect(acceptsText(ner('en'), 'Chemical: a\nb')).toBe(false);
    expect(acceptsText(ner('en'), 'Chemical: a；b')).toBe(false);
    expect(acceptsText(ner('en'), 'Chemical: a;b')).toBe(false);
    expect(acceptsText(ner('en'), 'Chemical:  aspirin')).toBe(false);
    expect(acceptsText(ner('en'), 'Chemical: "aspirin"')).toBe(false);
    expect(acceptsText(ner('en'), 'Chemical: vitamin B12 (cobalamin), 1,25-D3')).toBe(true);
    expect(acceptsText(ner('en'), `Chemical: ${'a'.repeat(MAX_ITEM_CHARS)}`)).toBe(true);
    expect(acceptsText(ner('en'), `Chemical: ${'a'.repeat(MAX_ITEM_CHARS + 1)}`)).toBe(false);
  });

  it('relations: requested types only, `[head, tail]` pairs whose head never holds `, `', () => {
    const re = grammarTree('relations', { types: ['chemical-induced disease'] }, 'en')!;
    expect(acceptsText(re, 'chemical-induced disease: [2,3-dichlorophenol, liver damage]; [a, b]')).toBe(true);
    expect(acceptsText(re, 'chemical-induced disease: [a, b, c]')).toBe(true);
    expect(acceptsText(re, 'chemical-induced disease: [a b]')).toBe(false);
    expect(acceptsText(re, 'CID: [a, b]')).toBe(false);
    const zh = grammarTree('relations', { types: ['药物治疗'] }, 'zh')!;
    expect(acceptsText(zh, '具有药物治疗关系的实体对如下：[疟疾感染, 氯喹]; [疟疾感染, 羟氯喹]')).toBe(true);
    expect(acceptsText(zh, '药物治疗：[疟疾感染, 氯喹]')).toBe(false);
  });

  it('classification: one offered label, or several distinct ones for multi-label sets', () => {
    const single = grammarTree('classify', { labels: ['Treatment', 'Diagnosis'] }, 'en')!;
    expect(acceptsText(single, 'Result: Treatment')).toBe(true);
    expect(acceptsText(single, 'Result: Treatment; Diagnosis')).toBe(false);
    expect(acceptsText(single, 'Result: Prevention')).toBe(false);
    const multi = grammarTree('classify', { labels: ['Treatment', 'Diagnosis'], multiLabel: true }, 'en')!;
    expect(acceptsText(multi, 'Result: Diagnosis; Treatment')).toBe(true);
    expect(acceptsText(multi, 'Result: Treatment; Treatment')).toBe(false);
    expect(acceptsText(grammarTree('classify', { labels: ['病情诊断'] }, 'zh')!, '上述文本被分类为：病情诊断')).toBe(true);
  });

  it('QA: a single option letter, optionally with its own text; yes/no/maybe per language', () => {
    const choice = grammarTree('qa', { format: 'choice', choices: { A: 'Warm compresses', B: 'Ketotifen eye drops' } }, 'en')!;
    expect(acceptsText(choice, 'B')).toBe(true);
    expect(acceptsText(choice, 'B. Ketotifen eye drops')).toBe(true);
    expect(acceptsText(choice, 'B. Warm compresses')).toBe(false);
    expect(acceptsText(choice, 'C')).toBe(false);
    expect(acceptsText(choice, 'AB')).toBe(false);
    expect(acceptsText(grammarTree('qa', { format: 'yesno' }, 'zh')!, '可能')).toBe(true);
    expect(acceptsText(grammarTree('qa', { format: 'yesno' }, 'zh')!, 'maybe')).toBe(false);
    expect(acceptsText(grammarTree('qa', { format: 'yesno' }, 'en')!, 'Yes')).toBe(false);
  });

  it('events: every Chinese role in order (values may be empty); English roles at most once after the trigger', () => {
    const zh = grammarTree('events', { eventTypes: ['临床发现'], roles: CDEE_ROLES }, 'zh')!;
    expect(acceptsText(zh, '上述句子中的临床发现事件如下：\n主体词：疼痛；发生状态：；描述词：明显好转；解剖部位：腹')).toBe(true);
    expect(acceptsText(zh, '上述句子中的临床发现事件如下：\n主体词：疼痛；描述词：明显好转')).toBe(false);
    const en = grammarTree('events', { eventTypes: ['Cause of disease'], roles: ['Cause', 'Theme'] }, 'en')!;
    expect(acceptsText(en, 'Cause of disease: (Trigger: responsible, Theme: diarrheal diseases, Cause: Contaminated drinking water]')).toBe(
      true,
    );
    expect(acceptsText(en, 'Cause of disease: (Trigger: responsible, Theme: a, Theme: b]')).toBe(false);
    expect(acceptsText(en, 'Cause of disease: (Theme: a]')).toBe(false);
  });
});
