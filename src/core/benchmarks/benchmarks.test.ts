import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath, missingData } from '../../../test-data/index.ts';
import { DATASETS, loadBenchmark, readPredictions, scoreBenchmark } from './index.ts';
import { combineScores, scoreExample } from './score.ts';
import type { DatasetName, Gold, InputFile } from './index.ts';

const file = (path: string): InputFile => ({ path, content: readFileSync(dataPath(`benchmarks/${path}`), 'utf8') });
/** Why a test over these benchmark samples must skip (the shared folder is absent), or false. */
const missing = (...paths: string[]) => missingData(...paths.map((p) => `benchmarks/${p}`));

const SAMPLES: [DatasetName, string[], number][] = [
  ['bc5cdr-chem', ['bc5cdr/CDR_TestSet.sample.PubTator.txt'], 20],
  ['bc5cdr-disease', ['bc5cdr/CDR_TestSet.sample.PubTator.txt'], 20],
  ['bc5cdr-cid', ['bc5cdr/CDR_TestSet.sample.PubTator.txt'], 20],
  ['ncbi-disease', ['ncbi_disease/NCBItestset.sample.txt'], 15],
  ['cmeee', ['cmeee/CMeEE-V2_dev.sample.json'], 30],
  ['cmeie', ['cmeie/CMeIE-V2_dev.sample.jsonl'], 30],
  ['litcovid', ['litcovid/test.sample.tsv'], 20],
  ['hoc', ['hoc/test.sample.tsv'], 60],
  ['kuake-qic', ['kuake_qic/KUAKE-QIC_dev.sample.json'], 40],
  ['pubmedqa', ['pubmedqa/ori_pqal.sample.json', 'pubmedqa/test_ground_truth.sample.json'], 20],
  ['medqa-usmle', ['medqa_usmle/test.sample.jsonl'], 20],
  ['medqa-mcmle', ['medqa_mcmle/test.sample.jsonl'], 20],
];

/** Gold as a sorted list of item strings, so order does not matter. */
const canon = (g: Gold) =>
  'entities' in g
    ? g.entities.map((e) => `${e.type}|${e.text}`).sort()
    : 'relations' in g
      ? g.relations.map((r) => `${r.type}|${r.head}|${r.tail}`).sort()
      : 'labels' in g
        ? [...g.labels].sort()
        : [g.answer];

/** A small CHEMDNER pair in the format of the BioCreative IV description. */
const CHEMDNER_ABSTRACTS =
  '21826085\tEffect of aspirin on platelets\tAspirin (ASA) inhibits COX-1; ibuprofen does not.\n' +
  '22080034\tNo chemicals here\tA short abstract.\n';
const CHEMDNER_ANNOTATIONS =
  '21826085\tT\t10\t17\taspirin\tTRIVIAL\n21826085\tA\t0\t7\tAspirin\tTRIVIAL\n21826085\tA\t9\t12\tASA\tABBREVIATION\n21826085\tA\t30\t39\tibuprofen\tTRIVIAL\n21826085\tA\t0\t7\tAspirin\tTRIVIAL\n';
const chemdnerFiles: InputFile[] = [
  { path: 'evaluation.annotations.txt', content: CHEMDNER_ANNOTATIONS },
  { path: 'evaluation.abstracts.txt', content: CHEMDNER_ABSTRACTS },
];

describe('benchmark samples: gold rendered as Taiyi answers, parsed and scored', () => {
  for (const [name, paths, n] of SAMPLES) {
    it.skipIf(missing(...paths))(`${name} scores 100`, () => {
      const { examples, warnings } = loadBenchmark(name, paths.map(file));
      expect(warnings).toEqual([]);
      expect(examples).toHaveLength(n);
      const dataset = DATASETS[name];
      for (const ex of examples) expect(canon(dataset.predict(ex, dataset.render(ex)))).toEqual(canon(ex.gold));
      const metrics = scoreBenchmark(dataset, examples, new Map(examples.map((ex) => [ex.id, dataset.render(ex)])));
      expect(metrics).toMatchObject({ dataset: name, score: 100, precision: 100, recall: 100, n, missing: 0 });
    });
  }

  it('chemdner (from the format description) scores 100 and counts every mention class as chemical', () => {
    const { examples, warnings } = loadBenchmark('chemdner', chemdnerFiles);
    expect(warnings).toEqual([]);
    expect(examples.map((e) => e.id)).toEqual(['21826085', '22080034']);
    expect(examples[0].prompt).toBe(
      'Extract the chemical entities from the following text:\nEffect of aspirin on platelets Aspirin (ASA) inhibits COX-1; ibuprofen does not.',
    );
    expect(canon(examples[0].gold)).toEqual(['chemical|ASA', 'chemical|Aspirin', 'chemical|aspirin', 'chemical|ibuprofen']);
    expect(examples[1].gold).toEqual({ entities: [] });
    const d = DATASETS.chemdner;
    expect(scoreBenchmark(d, examples, new Map(examples.map((ex) => [ex.id, d.render(ex)]))).score).toBe(100);
  });
});

describe('benchmark loaders', () => {
  it.skipIf(missing(...SAMPLES.flatMap(([, paths]) => paths)))('build the suggested prompts and use the documented ids', () => {
    const chem = loadBenchmark('bc5cdr-chem', [file('bc5cdr/CDR_TestSet.sample.PubTator.txt')]).examples[0];
    expect(chem.id).toBe('8701013');
    expect(chem.prompt).toMatch(
      /^Identify Chemical, Disease entities in the following text:\nFamotidine-associated delirium\. A series of six cases\. Famotidine is a histamine/,
    );
    expect(chem.gold).toEqual({
      entities: [
        { type: 'Chemical', text: 'Famotidine' },
        { type: 'Chemical', text: 'famotidine' },
      ],
    });
    const cid = loadBenchmark('bc5cdr-cid', [file('bc5cdr/CDR_TestSet.sample.PubTator.txt')]).examples[0];
    expect(cid.prompt).toMatch(/^Extract all entity pairs with the chemical-induced disease relation in the following text:\n/);
    expect(cid.gold).toEqual({ relations: [{ type: 'CID', head: 'D015738', tail: 'D003693' }] });
    const ncbi = loadBenchmark('ncbi-disease', [file('ncbi_disease/NCBItestset.sample.txt')]).examples[0];
    expect(ncbi.prompt).toMatch(/^Extract the disease entities from the following text:\nGenetic mapping/);
    expect(canon(ncbi.gold)).toContain('disease|copper toxicosis');
    const cmeee = loadBenchmark('cmeee', [file('cmeee/CMeEE-V2_dev.sample.json')]).examples[0];
    expect(cmeee.id).toBe('0');
    expect(cmeee.prompt).toBe(
      '从下面文本中识别出指定的实体类型：\n对儿童SARST细胞亚群的研究表明，与成人SARS相比，儿童细胞下降不明显，证明上述推测成立。\n实体类型：疾病，临床表现，药物，医疗设备，医疗程序，身体，医学检验项目，微生物类，科室',
    );
    const cmeie = loadBenchmark('cmeie', [file('cmeie/CMeIE-V2_dev.sample.jsonl')]).examples[0];
    expect(cmeie.prompt).toMatch(/^给出句子中预防，阶段，就诊科室，同义词，辅助治疗，.*关系类型的实体对：失眠症@引导意象/);
    expect(cmeie.gold).toEqual({
      relations: [
        { type: '辅助治疗', head: '失眠症', tail: '引导意象和冥想' },
        { type: '辅助治疗', head: '失眠症', tail: '以舒适、宁静的意象替代忧心忡忡的想法' },
      ],
    });
    const kuake = loadBenchmark('kuake-qic', [file('kuake_qic/KUAKE-QIC_dev.sample.json')]).examples;
    expect(kuake[0]).toMatchObject({ id: 's1', gold: { labels: ['治疗方案'] } });
    expect(kuake[2].gold).toEqual({ labels: ['疾病描述'] });
    expect(kuake[0].prompt).toBe(
      '现有以下文本：\n心肌缺血如何治疗与调养呢？\n请将上述文本分类至指定类别中：医疗费用，后果表述，指标解读，病情诊断，就医建议，疾病描述，其他，治疗方案，病因分析，功效作用，注意事项',
    );
    const hoc = loadBenchmark('hoc', [file('hoc/test.sample.tsv')]).examples;
    expect(hoc[0]).toMatchObject({ id: '12553062_s0', gold: { labels: [] } });
    expect(hoc.flatMap((e) => ('labels' in e.gold ? e.gold.labels : []))).toContain('resisting cell death');
    const lit = loadBenchmark('litcovid', [file('litcovid/test.sample.tsv')]).examples[0];
    expect(lit.id).toBe('34336157');
    expect(lit.prompt).toMatch(
      /^Document triage: Disentangling the Association.*\nLabels: Case Report, Prevention, Transmission, Diagnosis, Mechanism, Treatment, Epidemic Forecasting$/s,
    );
    const pqa = loadBenchmark('pubmedqa', [file('pubmedqa/test_ground_truth.sample.json'), file('pubmedqa/ori_pqal.sample.json')])
      .examples[0];
    expect(pqa).toMatchObject({ id: '12377809', gold: { answer: 'yes' } });
    expect(pqa.prompt).toMatch(/^Context: Dyschesia can be provoked .*\nQuestion: Is anorectal endosonography valuable in dyschesia\?\n/s);
    const usmle = loadBenchmark('medqa-usmle', [file('medqa_usmle/test.sample.jsonl')]).examples[0];
    expect(usmle).toMatchObject({ id: '0', gold: { answer: 'C' } });
    expect(usmle.prompt).toMatch(/\nA\. Disclose the error to the patient but leave it out of the operative report\nB\. /);
    const mcmle = loadBenchmark('medqa-mcmle', [file('medqa_mcmle/test.sample.jsonl')]).examples[0];
    expect(mcmle.prompt).toMatch(/^问题：经调查证实出现医院感染流行时.*\n选项：\nA\. 2小时\n/s);
  });

  it.skipIf(missing('pubmedqa/ori_pqal.sample.json'))('use only the PubMedQA items the ground truth names', () => {
    const truth: InputFile = { path: 'gt.json', content: '{"12377809": "no"}' };
    const { examples } = loadBenchmark('pubmedqa', [file('pubmedqa/ori_pqal.sample.json'), truth]);
    expect(examples.map((e) => [e.id, e.gold])).toEqual([['12377809', { answer: 'no' }]]);
  });

  it.skipIf(
    missing(
      'litcovid/test.sample.tsv',
      'ncbi_disease/NCBItestset.sample.txt',
      'pubmedqa/ori_pqal.sample.json',
      'medqa_mcmle/test.sample.jsonl',
      'cmeie/CMeIE-V2_dev.sample.jsonl',
    ),
  )('name file and line for unusable input', () => {
    const tsv = file('litcovid/test.sample.tsv');
    expect(() => loadBenchmark('cmeee', [tsv])).toThrow(/^litcovid\/test\.sample\.tsv:1: not a JSON line/);
    expect(() => loadBenchmark('bc5cdr-chem', [file('ncbi_disease/NCBItestset.sample.txt')])).toThrow(
      /^ncbi_disease\/NCBItestset\.sample\.txt:3: mention type "Modifier" is not one of Chemical, Disease: wrong file for bc5cdr-chem\?/,
    );
    const kuake = { path: 'test.json', content: '[\n {"id": "s1", "query": "头痛怎么办", "label": ""},\n {"id": "s2"}\n]' };
    expect(() => loadBenchmark('kuake-qic', [kuake])).toThrow(/^test\.json:2: record has no label/);
    const medqa = { path: 'm.jsonl', content: '{"question": "Which drug?", "options": {"A": "a", "B": "b"}, "answer_idx": "A"}\n{oops\n' };
    expect(() => loadBenchmark('medqa-usmle', [medqa])).toThrow(/^m\.jsonl:2: not a JSON line/);
    expect(() => loadBenchmark('pubmedqa', [file('pubmedqa/ori_pqal.sample.json')])).toThrow(/pubmedqa takes two input files/);
    expect(() => loadBenchmark('medqa-usmle', [file('medqa_mcmle/test.sample.jsonl')])).toThrow(
      /^medqa_mcmle\/test\.sample\.jsonl:1: questions are in Chinese: wrong file for medqa-usmle\?/,
    );
    expect(() => loadBenchmark('cmeee', [file('cmeie/CMeIE-V2_dev.sample.jsonl')])).toThrow(
      /:1: record has no "entities" list: wrong file for cmeee\?/,
    );
    const cmeeeBad = {
      path: 'c.json',
      content: '[\n{"text": "头痛", "entities": []},\n{"text": "发热", "entities": [{"type": "xyz", "entity": "发热"}]}\n]',
    };
    expect(() => loadBenchmark('cmeee', [cmeeeBad])).toThrow(/^c\.json:3: entity .* needs a known type/);
    expect(() => loadBenchmark('chemdner', [chemdnerFiles[0]])).toThrow(/chemdner takes two input files/);
    const orphan = { path: 'ann.txt', content: '999\tA\t0\t3\tfoo\tTRIVIAL\n' };
    expect(() => loadBenchmark('chemdner', [chemdnerFiles[1], orphan])).toThrow(
      /^ann\.txt:1: PMID 999 is not in evaluation\.abstracts\.txt/,
    );
    const dup = { path: 'lit.tsv', content: 'pmid\ttext\tlabels\n1\ta\tTreatment\n1\tb\tPrevention\n' };
    expect(() => loadBenchmark('litcovid', [dup])).toThrow(/example id "1" occurs twice/);
  });
});

describe('scoring', () => {
  const name = 'bc5cdr-chem';
  const { examples } = loadBenchmark(name, [file('bc5cdr/CDR_TestSet.sample.PubTator.txt')]);
  const two = examples.slice(0, 2);

  it('computes micro-F1 by hand and counts missing predictions as wrong', () => {
    // doc 8701013 gold: Famotidine, famotidine. Predicted: Famotidine, H2 (wrong), and a Disease (not scored).
    // doc 439781 has no prediction: gold Indomethacin, sodium, indomethacin, IDM, prostaglandin, angiotensin → 6 FN.
    const outputs = new Map([[two[0].id, 'Chemical: Famotidine; H2\nDisease: delirium']]);
    const m = scoreBenchmark(DATASETS[name], two, outputs);
    // tp 1, fp 1, fn 1 + 6 = 7 → P 50, R 12.5, F1 = 2·0.5·0.125/0.625 = 20
    expect(m).toMatchObject({ score: 20, precision: 50, recall: 12.5, n: 2, missing: 1, missing_ids: ['439781'] });
    expect(m.per_type.Chemical).toMatchObject({ tp: 1, fp: 1, fn: 7 });
  });

  it.skipIf(missing('medqa_usmle/test.sample.jsonl'))('computes accuracy by hand, with precision over answered questions', () => {
    const { examples: qa } = loadBenchmark('medqa-usmle', [file('medqa_usmle/test.sample.jsonl')]);
    const four = qa.slice(0, 4);
    const golds = four.map((e) => ('answer' in e.gold ? e.gold.answer : ''));
    const wrong = golds[1] === 'A' ? 'B' : 'A';
    const outputs = new Map([
      [four[0].id, `Answer: ${golds[0]}`],
      [four[1].id, `${wrong}.`],
      [four[2].id, 'I cannot tell.'],
    ]);
    const m = scoreBenchmark(DATASETS['medqa-usmle'], four, outputs);
    expect(m).toMatchObject({ metric: 'accuracy', score: 25, recall: 25, precision: 50, n: 4, missing: 1 });
  });

  it("combines the examples' shares, in any order, into the scorer's metrics (the eval tab's live score)", () => {
    for (const dataset of [DATASETS['bc5cdr-chem'], DATASETS['bc5cdr-cid']]) {
      const { examples: all } = loadBenchmark(dataset.name, [file('bc5cdr/CDR_TestSet.sample.PubTator.txt')]);
      // right answers, a wrong one, and no answer for every third
      const outputs = new Map(
        all.flatMap((ex, i) => (i % 3 === 2 ? [] : [[ex.id, i % 3 === 1 ? 'Chemical: water; salt' : dataset.render(ex)] as const])),
      );
      const expected = scoreBenchmark(dataset, all, outputs);
      const shares = all.map((ex) => scoreExample(dataset, ex, dataset.predict(ex, outputs.get(ex.id) ?? '')));
      const missingIds = all.filter((ex) => !outputs.has(ex.id)).map((ex) => ex.id);
      expect(combineScores(dataset, shares.reverse(), missingIds)).toEqual(expected);
      expect(expected.score).toBeGreaterThan(0);
      expect(expected.score).toBeLessThan(100);
    }
  });

  it('reads predictions and rejects bad records with their line', () => {
    const ids = new Set(examples.map((e) => e.id));
    const ok = readPredictions(
      { path: 'p.jsonl', content: '{"id": "8701013", "output": "Chemical: x"}\n\n{"id": 439781, "output": ""}\n' },
      ids,
    );
    expect([...ok.keys()]).toEqual(['8701013', '439781']);
    const bad = (content: string) => () => readPredictions({ path: 'p.jsonl', content }, ids);
    expect(bad('{"id": "8701013", "output": "x"}\nnot json')).toThrow(/^p\.jsonl:2: not a JSON line/);
    expect(bad('{"id": "123", "output": "x"}')).toThrow(/^p\.jsonl:1: prediction for unknown id "123"/);
    expect(bad('{"id": "8701013"}')).toThrow(/^p\.jsonl:1: missing "output"/);
    expect(bad('{"id": "8701013", "output": ""}\n{"id": "8701013", "output": ""}')).toThrow(
      /^p\.jsonl:2: second prediction for id "8701013" \(first on line 1\)/,
    );
  });
});
