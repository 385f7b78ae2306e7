/** The answer variants of formats.md, and garbage: parsers accept the former and never throw on the latter. */
import { describe, expect, it } from 'vitest';
import { parseClassify, renderClassify } from './classify.ts';
import { parseEvents } from './events.ts';
import { parseNer, renderNer } from './ner.ts';
import { parseChoice, parseQa, parseYesNo } from './qa.ts';
import { parseRe, renderRe } from './relations.ts';
import { parseSimilarity } from './similarity.ts';
import { parseTitle } from './title.ts';
import { parseTranslation } from './translate.ts';
import { ENTITY_PRESETS, LABEL_PRESETS } from './presets.ts';
import { TASKS } from './index.ts';

const cmeee = { types: ENTITY_PRESETS.cmeee.names.zh, aliases: ENTITY_PRESETS.cmeee.aliases };

describe('parseNer', () => {
  it('accepts full-width and ASCII colons, ；and ; separators, stray spaces and a trailing newline', () => {
    const out = '疾病: 肺炎 ；  哮喘\n药物：阿莫西林;头孢\n';
    expect(parseNer(out, cmeee).entities).toEqual([
      { type: '疾病', text: '肺炎' },
      { type: '疾病', text: '哮喘' },
      { type: '药物', text: '阿莫西林' },
      { type: '药物', text: '头孢' },
    ]);
  });

  it('accepts empty right-hand sides, PromptCBLUE `疾病实体：` keys and aliases', () => {
    const r = parseNer('疾病实体：\n身体部位：肺\n医院科室：呼吸科', cmeee);
    expect(r).toEqual({
      entities: [
        { type: '身体', text: '肺' },
        { type: '科室', text: '呼吸科' },
      ],
      unparsed: [],
    });
  });

  it('maps type names in any case back to the requested spelling', () => {
    const r = parseNer('CHEMICAL: aspirin\ndisease: headache; Headache', { types: ['Chemical', 'Disease'] });
    expect(r.entities).toEqual([
      { type: 'Chemical', text: 'aspirin' },
      { type: 'Disease', text: 'headache' },
      { type: 'Disease', text: 'Headache' },
    ]);
  });

  it('reads prose lead-ins in both languages', () => {
    expect(parseNer('上述文本中包含的变异实体为：A; B', { types: ['变异'] }).entities.map((e) => e.text)).toEqual(['A', 'B']);
    const en = parseNer('Here are the medical procedure entities mentioned in the text: intravenous infusion', {
      types: ['medical procedure'],
    });
    expect(en.entities).toEqual([{ type: 'medical procedure', text: 'intravenous infusion' }]);
  });

  it('reads `[实体，实体类型]` lists', () => {
    const r = parseNer('[沙眼衣原体肺炎，疾病], [氟喹诺酮类, 药物]', cmeee);
    expect(r.entities).toEqual([
      { type: '疾病', text: '沙眼衣原体肺炎' },
      { type: '药物', text: '氟喹诺酮类' },
    ]);
  });

  it('reads a type line followed by one mention per line', () => {
    const r = parseNer('Chemical:\n- cocaine\n- lidocaine\n\nDisease: seizures', { types: ['Chemical', 'Disease'] });
    expect(r.entities.map((e) => `${e.type}/${e.text}`)).toEqual(['Chemical/cocaine', 'Chemical/lidocaine', 'Disease/seizures']);
  });

  it('reports prose and types that were not asked for instead of dropping them silently', () => {
    const r = parseNer('Disease: asthma.\nGene: BRCA1\nThese are all the entities I found.', { types: ['Disease'] });
    expect(r.entities).toEqual([{ type: 'Disease', text: 'asthma' }]);
    expect(r.unparsed).toEqual(['Gene: BRCA1', 'These are all the entities I found.']);
  });

  it('treats empty output and `无` as no entities', () => {
    expect(parseNer('', cmeee)).toEqual({ entities: [], unparsed: [] });
    expect(parseNer('疾病：无', cmeee)).toEqual({ entities: [], unparsed: [] });
  });

  it('deduplicates case-sensitively and round-trips its own rendering', () => {
    const entities = [
      { type: 'Chemical', text: 'Phenobarbital' },
      { type: 'Chemical', text: 'phenobarbital' },
      { type: 'Disease', text: 'seizures' },
    ];
    const text = renderNer([...entities, entities[0]], 'en');
    expect(text).toBe('Chemical: Phenobarbital; phenobarbital\nDisease: seizures');
    expect(parseNer(text, { types: ['Chemical', 'Disease'] }).entities).toEqual(entities);
  });
});

describe('parseRe', () => {
  const types = ['药物治疗', '临床表现', '相关（导致）'];

  it('reads one-line and multi-line answers with , and ，inside pairs', () => {
    const one = parseRe('具有药物治疗关系的实体对如下：[疟疾感染, 氯喹]; [疟疾感染，羟氯喹]', { types });
    expect(one.relations.map((r) => r.tail)).toEqual(['氯喹', '羟氯喹']);
    const multi = parseRe('具有临床表现关系的实体对如下：\n[肺炎, 发热]\n[肺炎, 咳嗽]', { types });
    expect(multi).toEqual({
      relations: [
        { type: '临床表现', head: '肺炎', tail: '发热' },
        { type: '临床表现', head: '肺炎', tail: '咳嗽' },
      ],
      unparsed: [],
    });
  });

  it('matches predicates across full-width and ASCII brackets', () => {
    const r = parseRe('具有相关(导致)关系的实体对如下：[感染性心内膜炎, 肾小球肾炎]', { types });
    expect(r.relations[0].type).toBe('相关（导致）');
  });

  it('reads bare pairs when one type was asked for, and keeps commas inside names', () => {
    const r = parseRe('[2,3-dichlorophenol, liver damage]; [actin, PFNs]', { types: ['chemical-induced disease'] });
    expect(r.relations.map((x) => [x.head, x.tail])).toEqual([
      ['2,3-dichlorophenol', 'liver damage'],
      ['actin', 'PFNs'],
    ]);
  });

  it('reads `X relation:` keys, reports unknown types and ignores None', () => {
    const r = parseRe('EFFECT: [a, b]\nFOO: [c, d]\nINT: None\nThat is all.', { types: ['ADVISE', 'EFFECT', 'INT'] });
    expect(r.relations).toEqual([{ type: 'EFFECT', head: 'a', tail: 'b' }]);
    expect(r.unparsed).toEqual(['FOO: [c, d]', 'That is all.']);
    const cid = parseRe('chemical-induced disease relation: [cocaine, seizures]', { types: ['chemical-induced disease'] });
    expect(cid.relations).toEqual([{ type: 'chemical-induced disease', head: 'cocaine', tail: 'seizures' }]);
  });

  it('round-trips its own rendering in both languages', () => {
    const relations = [
      { type: '药物治疗', head: '疟疾', tail: '氯喹' },
      { type: '临床表现', head: '疟疾', tail: '发热' },
    ];
    expect(parseRe(renderRe(relations, 'zh'), { types }).relations).toEqual(relations);
    expect(parseRe(renderRe(relations, 'en'), { types }).relations).toEqual(relations);
  });
});

describe('parseClassify', () => {
  const litcovid = { labels: LABEL_PRESETS.litcovid.names.en, multiLabel: true };

  it('reads multi-label answers in any case and separator, ignoring labels not offered', () => {
    expect(parseClassify('Result: treatment；Mechanism, Vaccines', litcovid).labels).toEqual(['Treatment', 'Mechanism']);
    expect(parseClassify('Result: Case Report and Epidemic Forecasting', litcovid).labels).toEqual(['Case Report', 'Epidemic Forecasting']);
  });

  it('keeps the first label for single-label tasks and maps 疾病表述 to 疾病描述', () => {
    const kuake = { labels: LABEL_PRESETS['kuake-qic'].names.zh, aliases: LABEL_PRESETS['kuake-qic'].aliases };
    expect(parseClassify('上述文本被分类为：疾病表述', kuake).labels).toEqual(['疾病描述']);
    expect(parseClassify('上述文本被分类为：治疗方案，其他', kuake).labels).toEqual(['治疗方案']);
  });

  it('ignores commentary once a Result line exists, and reads `none`', () => {
    const r = parseClassify('Result: Treatment\nThe article also mentions Prevention.', litcovid);
    expect(r).toEqual({ labels: ['Treatment'], unparsed: ['The article also mentions Prevention.'] });
    expect(parseClassify(renderClassify([], 'en'), litcovid)).toEqual({ labels: [], unparsed: [] });
  });
});

describe('QA parsing', () => {
  const choices = { A: '2小时', B: '4小时内', C: '8小时内', D: '12小时内', E: '24小时内' };

  it('takes an option letter, else the longest option text the answer contains', () => {
    expect(parseChoice('答案：E', choices)).toBe('E');
    expect(parseChoice('E. 24小时内', choices)).toBe('E');
    expect(parseChoice('(C)', choices)).toBe('C');
    expect(parseChoice('应在24小时内报告', choices)).toBe('E');
    expect(parseChoice('The answer is B.', choices)).toBe('B');
  });

  it('does not read the article "A" as an option', () => {
    const en = { A: 'Aspirin', B: 'Heparin', C: 'Warfarin' };
    expect(parseChoice('A patient on warfarin should be monitored', en)).toBe('C');
    expect(parseChoice('A. Aspirin', en)).toBe('A');
    expect(parseChoice('A', en)).toBe('A');
    expect(parseChoice('I do not know', en)).toBeNull();
  });

  it('takes the first yes/no/maybe, in English or Chinese', () => {
    expect(parseYesNo('Yes, it is.')).toBe('yes');
    expect(parseYesNo('No. Maybe later.')).toBe('no');
    expect(parseYesNo('It may be; the answer is maybe')).toBe('maybe');
    expect(parseYesNo('不是')).toBe('no');
    expect(parseYesNo('可能')).toBe('maybe');
    expect(parseYesNo('是的')).toBe('yes');
    expect(parseYesNo('unclear')).toBeNull();
    expect(parseQa('unclear', { format: 'yesno' })).toEqual({ answer: null, unparsed: ['unclear'] });
  });

  it('takes yes/no/maybe only as the answer: marked "Answer: …", its first word or in its first sentence', () => {
    const story = 'Once upon a time there was a little girl. "Yes," said the girl, "I will go."';
    expect(parseYesNo(story)).toBeNull();
    expect(parseYesNo('"Yes," said the girl.')).toBeNull();
    expect(parseQa(story, { format: 'yesno' })).toEqual({ answer: null, unparsed: [story] });
    expect(parseYesNo('Once upon a time. The girl said no.')).toBeNull();
    expect(parseYesNo('Based on the context, the answer is: no.')).toBe('no');
    expect(parseYesNo('Answer: **Maybe**')).toBe('maybe');
    expect(parseYesNo('**Yes**. The trial met its endpoint.')).toBe('yes');
    expect(parseYesNo('Nonetheless, yes')).toBe('yes');
    expect(parseYesNo('这是一个关于肝脏的研究')).toBeNull();
    expect(parseYesNo('根据背景，答案：否。')).toBe('no');
    expect(parseYesNo('否，没有证据。')).toBe('no');
  });
});

describe('other answers', () => {
  it('reads labels, titles and translations', () => {
    expect(parseSimilarity('dissimilar', {}).label).toBe('dissimilar');
    expect(parseSimilarity('语义相同', {}).label).toBe('语义相同');
    expect(parseTitle('Title: "A study of X"\n(generated)')).toEqual({ title: 'A study of X', unparsed: ['(generated)'] });
    expect(parseTranslation('<|endoftext|>译文：你好<|endoftext|>').text).toBe('你好');
  });

  it('reads several English events on one line', () => {
    const r = parseEvents('Treatment of disease: (Trigger: treats, Theme: flu]; (Trigger: cures, Theme: cold)', {
      eventTypes: ['Treatment of disease'],
      roles: ['Theme'],
    });
    expect(r.events.map((e) => e.arguments.map((a) => a.text))).toEqual([
      ['treats', 'flu'],
      ['cures', 'cold'],
    ]);
  });
});

describe('robustness', () => {
  it('never throws on arbitrary text', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      '[',
      ']',
      '【',
      '】',
      ':',
      '：',
      ';',
      '；',
      ',',
      '，',
      '\n',
      '\r\n',
      ' ',
      'A',
      'a',
      '疾病',
      '(',
      ')',
      '"',
      '“',
      '<|endoftext|>',
      '-',
      '.',
    ];
    const ner = { types: ['疾病', 'Chemical'] };
    for (let i = 0; i < 500; i++) {
      const s = Array.from({ length: Math.floor(rand() * 40) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      expect(() => {
        TASKS.entities.parse(s, ner);
        TASKS.relations.parse(s, { types: ['药物治疗'] });
        TASKS.events.parse(s, { eventTypes: ['x'], roles: ['Theme'] });
        TASKS.classify.parse(s, { labels: ['A', 'B'], multiLabel: true });
        TASKS.qa.parse(s, { format: 'choice', choices: { A: 'a', B: 'b' } });
        TASKS.qa.parse(s, { format: 'yesno' });
        TASKS.similarity.parse(s, {});
        TASKS.title.parse(s, {});
        TASKS.translate.parse(s, {});
        TASKS.chat.parse(s, { mode: 'report' });
      }).not.toThrow();
    }
  });
});
