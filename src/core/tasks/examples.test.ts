/**
 * Taiyi's own published examples: each prompt is rebuilt word for word by the prompt builders, and each
 * answer parses to the structure it states.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../test-data/index.ts';
import type { Lang } from '../lang.ts';
import { buildReportPrompt, parseChat } from './dialogue.ts';
import type { Utterance } from './dialogue.ts';
import { CDEE_ROLES, TASKS } from './index.ts';

const readJsonl = (name: string) =>
  readFileSync(dataPath(`taiyi/examples/${name}`), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

interface Example {
  task: string;
  lang: Lang;
  human: string;
  assistant: string;
}

const training: Example[] = readJsonl('training-examples.jsonl').map((r) => ({
  task: r.category,
  lang: r.language === 'zh' || r.language === 'zh-en' ? 'zh' : 'en',
  human: r.conversation[0].human,
  assistant: r.conversation[0].assistant,
}));
const readme: Example[] = readJsonl('readme-examples.jsonl').map((r) => ({
  task: r.task,
  lang: r.lang,
  human: r.human.replace(/\r\n/g, '\n'),
  assistant: r.assistant,
}));

/** The text between a prompt's first line and the line that lists the options. */
const body = (human: string) => human.split('\n').slice(1, -1).join('\n');
const listAfter = (human: string, marker: RegExp) => human.split(marker)[1].trim().split(/，|, /);
const quoted = (human: string) => /[“"]([\s\S]*)[”"]/.exec(human)![1];

describe('training examples (Taiyi_Instruction_Data_Example.jsonl)', () => {
  it('has the 21 records, read across CRLF line endings', () => {
    expect(training).toHaveLength(21);
  });

  it('rebuilds every translation prompt and returns the bare translation', () => {
    const cases: [number, number][] = [
      [0, 2],
      [1, 1],
      [2, 2],
      [3, 0],
      [4, 3],
      [5, 1],
    ];
    for (const [i, template] of cases) {
      const ex = training[i];
      const source = template === 2 ? quoted(ex.human) : ex.human.slice(ex.human.indexOf('\n') + 1);
      expect(TASKS.translate.buildPrompt(source, { template }, ex.lang)).toBe(ex.human);
      expect(TASKS.translate.parse(ex.assistant, {}).text).toBe(ex.assistant);
    }
  });

  it('rebuilds the classification prompts; an answer outside the offered labels is reported, not returned', () => {
    const zhTemplates = [1, 3, 1, 2];
    for (let i = 6; i <= 9; i++) {
      const ex = training[i];
      const labels = listAfter(ex.human, /类型选项：|指定类别中：/);
      const text = i === 9 ? ex.human.split('\n')[0] : quoted(ex.human);
      expect(TASKS.classify.buildPrompt(text, { labels, template: zhTemplates[i - 6] }, 'zh')).toBe(ex.human);
      const offered = TASKS.classify.parse(ex.assistant, { labels });
      expect(offered).toEqual({ labels: [], unparsed: ['上述文本被分类为：血瘀痰凝证'] });
      expect(TASKS.classify.parse(ex.assistant, { labels: [...labels, '血瘀痰凝证'] }).labels).toEqual(['血瘀痰凝证']);
    }
    const en: [number, number, string][] = [
      [10, 1, 'perturbation'],
      [11, 0, 'control'],
      [12, 2, 'perturbation'],
    ];
    for (const [i, template, label] of en) {
      const ex = training[i];
      const labels = ['perturbation', 'control'];
      const text = template === 2 ? ex.human.split('\n')[1].slice(1) : quoted(ex.human);
      expect(TASKS.classify.buildPrompt(text, { labels, template }, 'en')).toBe(ex.human);
      expect(TASKS.classify.parse(ex.assistant, { labels })).toEqual({ labels: [label], unparsed: [] });
    }
  });

  it('rebuilds the compound–protein prompts and parses their pairs', () => {
    const types = ['relation between compound and protein entity'];
    const expected = [
      [
        ['selenobetaine', 'SIT1'],
        ['selenobetaine', 'PAT1'],
      ],
      [['sodium orthovanadate', 'phosphatase']],
      [['all-trans retinoic acid', 'RARA']],
      [
        ['heme', 'hemoglobins'],
        ['heme', 'PBRs'],
      ],
    ];
    [1, 3, 2, 0].forEach((template, k) => {
      const ex = training[13 + k];
      expect(TASKS.relations.buildPrompt(ex.human.split('\n')[1], { types, template }, 'en')).toBe(ex.human);
      const parsed = TASKS.relations.parse(ex.assistant, { types });
      expect(parsed.unparsed).toEqual([]);
      expect(parsed.relations).toEqual(expected[k].map(([head, tail]) => ({ type: types[0], head, tail })));
    });
  });

  it('rebuilds the diakg NER prompts and parses every mention of the answer', () => {
    const expected: Record<string, string[]>[] = [
      { 部位: ['足'], 疾病: ['感染', '坏疽病变', '糖尿病足'], 程度: ['0~5级'] },
      {
        临床表现: ['颜色紫绀或苍白', '肢端供血不足', '肢端刺痛或灼痛', '足趾或足的畸形', '麻木', '高危足', '皮温凉', '感觉迟钝或丧失'],
        程度: ['0级'],
      },
      {
        部位: ['肢端皮肤'],
        临床表现: ['水疱', '冻伤', '肢端皮肤有开放性病灶', '烫伤', '胼胝', '血泡', '鸡眼', '皮肤损伤', '浅表溃疡'],
        程度: ['1级'],
      },
      {
        临床表现: [
          '多发性脓灶',
          '蜂窝织炎',
          '窦道',
          '坏疽',
          '脓性分泌物较多',
          '感染病灶已侵犯深部肌肉组织',
          '足或趾皮肤灶性干性坏疽',
          '感染延肌间隙扩大',
          '足底、足背贯通性溃疡',
        ],
        程度: ['2级'],
      },
    ];
    [1, 2, 2, 3].forEach((template, k) => {
      const ex = training[17 + k];
      const types = template === 3 ? listAfter(ex.human.split('实体：')[0], /下面文本中的/) : listAfter(ex.human, /实体选项：|实体类型：/);
      expect(types).toHaveLength(18);
      const text = template === 3 ? quoted(ex.human) : body(ex.human);
      expect(TASKS.entities.buildPrompt(text, { types, template }, 'zh')).toBe(ex.human);
      const parsed = TASKS.entities.parse(ex.assistant, { types });
      expect(parsed.unparsed).toEqual([]);
      const flat = Object.entries(expected[k]).flatMap(([type, ms]) => ms.map((text) => ({ type, text })));
      expect(parsed.entities).toEqual(flat);
    });
  });
});

describe('README examples (both READMEs)', () => {
  const of = (task: string, lang: Lang) => readme.filter((e) => e.task === task && e.lang === lang);

  it('parses NER answers, including the older 上述文本中包含的…为 style', () => {
    for (const ex of of('NER', 'zh')) {
      const text = body(ex.human);
      expect(TASKS.entities.buildPrompt(text, { types: ['疾病', '药物'] }, 'zh')).toBe(ex.human);
      expect(TASKS.entities.parse(ex.assistant, { types: ['疾病', '药物'] })).toEqual({
        entities: [
          { type: '疾病', text: '沙眼衣原体肺炎' },
          { type: '药物', text: '大环内酯类抗生素' },
          { type: '药物', text: '磺胺二甲基异唑' },
          { type: '药物', text: '氟喹诺酮类' },
        ],
        unparsed: [],
      });
    }
    for (const ex of of('NER', 'en')) {
      const template = ex.human.includes(' and ') ? 2 : 0;
      expect(TASKS.entities.buildPrompt(ex.human.split('\n')[1], { types: ['gene', 'disease'], template }, 'en')).toBe(ex.human);
      expect(TASKS.entities.parse(ex.assistant, { types: ['Gene', 'Disease'] }).entities).toEqual([
        { type: 'Gene', text: 'FBN1' },
        { type: 'Disease', text: 'Marfan syndrome' },
      ]);
    }
  });

  it('parses the CMeIE-style and DDI relation answers', () => {
    for (const ex of of('RE', 'zh')) {
      const text = ex.human.slice(ex.human.indexOf('：') + 1);
      expect(TASKS.relations.buildPrompt(text, { types: ['药物治疗'] }, 'zh')).toBe(ex.human);
      expect(TASKS.relations.parse(ex.assistant, { types: ['药物治疗', '临床表现'] })).toEqual({
        relations: [{ type: '药物治疗', head: '慢性阻塞性肺疾病', tail: 'β2 受体激动剂' }],
        unparsed: [],
      });
    }
    const types = ['ADVISE', 'MECHANISM', 'EFFECT', 'INT'];
    for (const ex of of('RE', 'en')) {
      expect(TASKS.relations.buildPrompt(body(ex.human), { types, entityKind: 'drug' }, 'en')).toBe(ex.human);
      expect(TASKS.relations.parse(ex.assistant, { types }).relations).toEqual([
        { type: 'ADVISE', head: 'Mitotane', tail: 'coumarin-type anticoagulants' },
        { type: 'MECHANISM', head: 'Mitotane', tail: 'warfarin' },
      ]);
    }
  });

  it('parses event answers with empty argument values and the mismatched bracket', () => {
    for (const ex of of('EE', 'zh')) {
      const options = { eventTypes: ['临床发现'], roles: [...CDEE_ROLES] };
      expect(TASKS.events.buildPrompt(body(ex.human), options, 'zh')).toBe(ex.human);
      expect(TASKS.events.parse(ex.assistant, options)).toEqual({
        events: [
          {
            type: '临床发现',
            arguments: [
              { role: '主体词', text: '疼痛' },
              { role: '发生状态', text: '' },
              { role: '描述词', text: '明显好转' },
              { role: '解剖部位', text: '腹' },
            ],
          },
        ],
        unparsed: [],
      });
    }
    for (const ex of of('EE', 'en')) {
      const options = { eventTypes: ['Treatment of disease', 'Cause of disease'], roles: ['Cause', 'Theme'] };
      const text = ex.human.slice('Input text: "'.length, ex.human.indexOf('\nEven Types'));
      expect(TASKS.events.buildPrompt(text, options, 'en')).toBe(ex.human);
      expect(TASKS.events.parse(ex.assistant, options).events).toEqual([
        {
          type: 'Cause of disease',
          arguments: [
            { role: 'Trigger', text: 'responsible' },
            { role: 'Theme', text: 'diarrheal diseases' },
            { role: 'Cause', text: 'Contaminated drinking water' },
          ],
        },
      ]);
    }
  });

  it('rebuilds translation, title, classification and similarity prompts and reads their answers', () => {
    for (const ex of [...of('MT-zh2en', 'zh'), ...of('MT-en2zh', 'en')]) {
      expect(TASKS.translate.buildPrompt(body(ex.human + '\n'), {}, ex.lang)).toBe(ex.human);
      expect(TASKS.translate.parse(ex.assistant, {}).text).toBe(ex.assistant);
    }
    for (const ex of [...of('TitleGen', 'zh'), ...of('TitleGen', 'en')]) {
      const template = ex.human.startsWith('Provide') ? 1 : 0;
      expect(TASKS.title.buildPrompt(body(ex.human + '\n'), { template }, ex.lang)).toBe(ex.human);
      expect(TASKS.title.parse(ex.assistant, {})).toEqual({ title: ex.assistant, unparsed: [] });
    }
    for (const ex of of('TC', 'zh')) {
      const labels = listAfter(ex.human, /指定类别中：/);
      expect(TASKS.classify.buildPrompt(body(ex.human), { labels }, 'zh')).toBe(ex.human);
      expect(TASKS.classify.parse(ex.assistant, { labels }).labels).toEqual(['医疗费用']);
    }
    for (const ex of of('TC', 'en')) {
      const labels = ['patient', 'doctor'];
      expect(TASKS.classify.buildPrompt(quoted(ex.human), { labels }, 'en')).toBe(ex.human);
      expect(TASKS.classify.parse(ex.assistant, { labels }).labels).toEqual(['patient']);
    }
    for (const ex of [...of('SS', 'zh'), ...of('SS', 'en')]) {
      const [a, b] = ex.human.split('\n').map((l) => l.replace(/^(?:语句\d：|\d\. )/, ''));
      expect(TASKS.similarity.buildPrompt({ a, b }, {}, ex.lang)).toBe(ex.human);
      expect(TASKS.similarity.parse(ex.assistant, {}).label).toBe(ex.lang === 'zh' ? '语义不相同' : 'similar');
    }
  });

  it('rebuilds the consultation-report prompt and reads its six sections', () => {
    for (const ex of of('MRG(report generation)', 'zh')) {
      const dialogue: Utterance[] = ex.human
        .split('\n')
        .slice(1, -2)
        .map((l) => ({ speaker: l.startsWith('患者') ? 'patient' : 'doctor', text: l.slice(3) }));
      expect(buildReportPrompt(dialogue)).toBe(ex.human);
      const report = parseChat(ex.assistant, { mode: 'report' });
      expect(report.unparsed).toEqual([]);
      expect(report.sections.map((s) => s.title)).toEqual(['主诉', '现病史', '辅助检查', '既往史', '诊断', '建议']);
      expect(report.sections[0].text).toBe('咳嗽、流涕。');
      expect(report.sections[5].text).toBe('口服氨溴索、桔贝合剂，密观。');
    }
  });

  it('covers every README example', () => {
    const tested = ['NER', 'RE', 'EE', 'MT-zh2en', 'MT-en2zh', 'TitleGen', 'TC', 'SS', 'MRG(report generation)'];
    expect(readme.filter((e) => !tested.includes(e.task))).toEqual([]);
    expect(readme).toHaveLength(30);
  });
});
