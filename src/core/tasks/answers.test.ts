/**
 * Answers a 7B model plausibly writes for the paper's test sets, and the readings they must get: names that
 * look like "nothing", placeholders, prose, near-miss type names, comma lists, cut-off answers, other pair
 * shapes and JSON, and QA / similarity wordings.
 */
import { describe, expect, it } from 'vitest';
import { parseNer } from './ner.ts';
import { parseChoice, parseYesNo } from './qa.ts';
import { parseRe } from './relations.ts';
import { parseSimilarity } from './similarity.ts';
import { isNone } from './parse.ts';
import { CMEIE_PREDICATES } from './cmeie-schema.ts';
import { ENTITY_PRESETS } from './presets.ts';

const bc5cdr = { types: ['Chemical', 'Disease'] };
const cmeee = { types: ENTITY_PRESETS.cmeee.names.zh, aliases: ENTITY_PRESETS.cmeee.aliases };
const texts = (r: { entities: { type: string; text: string }[] }) => r.entities.map((e) => `${e.type}/${e.text}`);

describe('names that look like "nothing"', () => {
  it('keeps NO, Na, NA, no, nil and null inside a list', () => {
    const r = parseNer('Chemical: L-NAME; NO; iron\nDisease: hypertension', bc5cdr);
    expect(texts(r)).toEqual(['Chemical/L-NAME', 'Chemical/NO', 'Chemical/iron', 'Disease/hypertension']);
    expect(texts(parseNer('Chemical: Na; K; NA; no; nil; null', bc5cdr))).toEqual([
      'Chemical/Na',
      'Chemical/K',
      'Chemical/NA',
      'Chemical/no',
      'Chemical/nil',
      'Chemical/null',
    ]);
  });

  it('reads a whole right-hand side or a whole answer as "nothing", unless the text has that capitalised name', () => {
    expect(parseNer('Chemical: None\nDisease: N/A', bc5cdr)).toEqual({ entities: [], unparsed: [] });
    expect(parseNer('None', bc5cdr)).toEqual({ entities: [], unparsed: [] });
    const source = 'Inhibition of NO synthesis by L-NAME raised blood pressure.';
    expect(texts(parseNer('Chemical: NO\nDisease: None', { ...bc5cdr, source }))).toEqual(['Chemical/NO']);
    expect(texts(parseNer('Chemical: no', { ...bc5cdr, source: 'There was no change.' }))).toEqual([]);
  });
});

describe('placeholders and prose are not mentions', () => {
  it('reads placeholder wordings in both languages as "nothing"', () => {
    const none = [
      'None found',
      'none found.',
      'no chemicals mentioned',
      'No chemical entities were found in the text.',
      'There are no diseases mentioned.',
      '未提及',
      '无相关实体',
      '无。',
      '无.',
      '（无）',
      '文中未提及疾病实体',
    ];
    for (const s of none) expect({ s, none: isNone(s) }).toEqual({ s, none: true });
    for (const s of ['无发热', '无痛性肿块', 'no-reflow', 'nitric oxide', '未见异常包块']) {
      expect({ s, none: isNone(s) }).toEqual({ s, none: false });
    }
    expect(parseNer('Chemical: None found\nDisease: no diseases mentioned', bc5cdr)).toEqual({ entities: [], unparsed: [] });
    expect(parseNer('疾病：未提及\n药物：无相关实体\n临床表现：无。', cmeee)).toEqual({ entities: [], unparsed: [] });
    expect(texts(parseNer('临床表现：无发热；咳嗽', cmeee))).toEqual(['临床表现/无发热', '临床表现/咳嗽']);
  });

  it('does not read prose under an empty type line as a mention', () => {
    const r = parseNer('Chemical:\nThe text does not mention any chemical.\nDisease:\nmyocardial infarction', bc5cdr);
    expect(r).toEqual({ entities: [{ type: 'Disease', text: 'myocardial infarction' }], unparsed: [] });
    const prose = parseNer('Chemical:\nIt is likely that the patient was given some kind of anaesthetic.', bc5cdr);
    expect(prose).toEqual({ entities: [], unparsed: ['It is likely that the patient was given some kind of anaesthetic.'] });
  });
});

describe('type names', () => {
  it('matches a type after normalisation, never as a prefix or substring', () => {
    const r = parseNer('疾病的分期分型：2级\n药物剂量：5mg\n非疾病：正常\n疾病：高血压', cmeee);
    expect(r.entities).toEqual([{ type: '疾病', text: '高血压' }]);
    expect(r.unparsed).toEqual(['疾病的分期分型：2级', '药物剂量：5mg', '非疾病：正常']);
    const en = parseNer('Disease stage: III\nDiseases: asthma\nchemical entities: aspirin\nThe Chemical names: heparin', bc5cdr);
    expect(texts(en)).toEqual(['Disease/asthma', 'Chemical/aspirin', 'Chemical/heparin']);
    expect(en.unparsed).toEqual(['Disease stage: III']);
  });
});

describe('comma lists', () => {
  const source = 'Patients received cisplatin, etoposide and vincristine; neutropenia and thrombocytopenia followed.';
  it('splits `, ` lists only where the text has the pieces and not the whole', () => {
    expect(
      texts(parseNer('Chemical: cisplatin, etoposide, vincristine\nDisease: neutropenia, thrombocytopenia', { ...bc5cdr, source })),
    ).toEqual(['Chemical/cisplatin', 'Chemical/etoposide', 'Chemical/vincristine', 'Disease/neutropenia', 'Disease/thrombocytopenia']);
    // Without the text, or where the text has the joined string, the line stays one mention.
    expect(texts(parseNer('Chemical: cisplatin, etoposide', bc5cdr))).toEqual(['Chemical/cisplatin, etoposide']);
    const joined = 'Diagnosis: bleeding, not otherwise specified.';
    expect(texts(parseNer('Disease: bleeding, not otherwise specified', { ...bc5cdr, source: joined }))).toEqual([
      'Disease/bleeding, not otherwise specified',
    ]);
  });

  it('splits `、` and `，` lists in Chinese the same way', () => {
    const zh = '患儿出现发热、咳嗽，伴呕吐。';
    expect(texts(parseNer('临床表现：发热、咳嗽，呕吐', { ...cmeee, source: zh }))).toEqual([
      '临床表现/发热',
      '临床表现/咳嗽',
      '临床表现/呕吐',
    ]);
    const kept = '病毒性、支原体、衣原体、细菌性、真菌性肺炎';
    expect(texts(parseNer(`疾病：${kept}`, { ...cmeee, source: `排除其他${kept}。` }))).toEqual([`疾病/${kept}`]);
  });
});

describe('answers cut off at the token limit', () => {
  it('drops the unfinished last mention and says so', () => {
    const r = parseNer('Chemical: lithium; haloperidol\nDisease: neuroleptic malignant syn', { ...bc5cdr, truncated: true });
    expect(texts(r)).toEqual(['Chemical/lithium', 'Chemical/haloperidol']);
    expect(r.notes).toEqual([{ kind: 'truncated', dropped: 'neuroleptic malignant syn' }]);
    expect(parseNer('Chemical: lithium; halo', bc5cdr).entities).toHaveLength(2);
    expect(parseNer('Chemical: lithium; halo', bc5cdr).notes).toBeUndefined();
  });

  it('drops an unclosed last pair', () => {
    const r = parseRe('chemical-induced disease: [lithium, nephrogenic diabetes insipidus]; [haloperidol, neurolep', {
      types: ['chemical-induced disease'],
      truncated: true,
    });
    expect(r.relations).toEqual([{ type: 'chemical-induced disease', head: 'lithium', tail: 'nephrogenic diabetes insipidus' }]);
    expect(r.notes).toEqual([{ kind: 'truncated', dropped: '; [haloperidol, neurolep' }]);
  });
});

describe('other pair shapes and JSON', () => {
  const cid = { types: ['chemical-induced disease'] };
  it('reads `(a, b)` pairs and `[S, P, O]` triples', () => {
    expect(
      parseRe('chemical-induced disease: (cocaine, myocardial infarction); (cocaine, seizures)', cid).relations.map((r) => r.tail),
    ).toEqual(['myocardial infarction', 'seizures']);
    const r = parseRe('[慢性阻塞性肺疾病, 药物治疗, β2 受体激动剂]\n[肺炎, 临床表现, 发热]', { types: CMEIE_PREDICATES });
    expect(r.relations).toEqual([
      { type: '药物治疗', head: '慢性阻塞性肺疾病', tail: 'β2 受体激动剂' },
      { type: '临床表现', head: '肺炎', tail: '发热' },
    ]);
  });

  it('reads JSON-shaped NER and relation answers', () => {
    const ner = parseNer('```json\n{"Chemical": ["famotidine", "NO"], "Disease": []}\n```', bc5cdr);
    expect(ner).toEqual({
      entities: [
        { type: 'Chemical', text: 'famotidine' },
        { type: 'Chemical', text: 'NO' },
      ],
      unparsed: [],
    });
    const list = parseNer('[{"entity": "哮喘", "type": "疾病"}, {"entity": "沙丁胺醇", "type": "药物"}]', cmeee);
    expect(texts(list)).toEqual(['疾病/哮喘', '药物/沙丁胺醇']);
    const re = parseRe('[{"subject": "哮喘", "predicate": "药物治疗", "object": "沙丁胺醇"}]', { types: CMEIE_PREDICATES });
    expect(re.relations).toEqual([{ type: '药物治疗', head: '哮喘', tail: '沙丁胺醇' }]);
    expect(parseRe('[["cocaine", "seizures"]]', cid).relations).toEqual([
      { type: 'chemical-induced disease', head: 'cocaine', tail: 'seizures' },
    ]);
    expect(parseNer('{"answer": 42}', bc5cdr)).toEqual({ entities: [], unparsed: ['{"answer": 42}'] });
  });
});

describe('QA and similarity wordings', () => {
  const choices = { A: 'Aspirin', B: 'Heparin', C: 'Warfarin', D: 'Clopidogrel', E: 'Alteplase' };
  it('reads e and Ｅ as option E, and leaves two unmarked options unread', () => {
    expect(parseChoice('e', choices)).toBe('E');
    expect(parseChoice('Ｅ', choices)).toBe('E');
    expect(parseChoice('答案是e。', choices)).toBe('E');
    expect(parseChoice('The answer is e.', choices)).toBe('E');
    expect(parseChoice('Heparin or warfarin could be used here.', choices)).toBeNull();
    expect(parseChoice('Both B and C are anticoagulants.', choices)).toBeNull();
    expect(parseChoice('Heparin and warfarin are both anticoagulants; the answer is C.', choices)).toBe('C');
  });

  it('reads yes/no past idioms and marked answers', () => {
    expect(parseYesNo('There is no doubt that yes, statins reduce mortality.')).toBe('yes');
    expect(parseYesNo('No significant difference was seen, so the answer is maybe.')).toBe('maybe');
    expect(parseYesNo('Answer: no')).toBe('no');
  });

  it('reads short and negated similarity labels', () => {
    expect(parseSimilarity('不相同', {}).label).toBe('语义不相同');
    expect(parseSimilarity('相同', {}).label).toBe('语义相同');
    expect(parseSimilarity('两句话语义不相同。', {}).label).toBe('语义不相同');
    expect(parseSimilarity('not similar', {}).label).toBe('dissimilar');
    expect(parseSimilarity('The two sentences are similar.', {}).label).toBe('similar');
  });
});
