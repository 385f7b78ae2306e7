/**
 * What the page highlights, measured against gold offsets: the gold mention strings of each NER sample,
 * written as Taiyi answers, parsed and aligned back to the text, must land on the gold spans (span precision
 * and recall). Also the BC5CDR CID rule that unmapped pairs are false positives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath, missingData } from '../../../test-data/index.ts';
import { addCounts, percent, prf } from '../metrics.ts';
import type { Counts } from '../metrics.ts';
import { DATASETS, loadBenchmark, scoreBenchmark, spanMetrics } from './index.ts';
import type { DatasetName } from './index.ts';

const CDR = 'bc5cdr/CDR_TestSet.sample.PubTator.txt';
const CMEEE = 'cmeee/CMeEE-V2_dev.sample.json';
const NCBI = 'ncbi_disease/NCBItestset.sample.txt';
const absent = missingData(...[CDR, CMEEE, NCBI].map((p) => `benchmarks/${p}`));
const content = (path: string) => readFileSync(dataPath(`benchmarks/${path}`), 'utf8');

function goldAlignedBack(name: DatasetName, path: string): Counts {
  const dataset = DATASETS[name];
  const { examples } = loadBenchmark(name, [{ path, content: content(path) }]);
  const predicted = examples.map((ex) => dataset.predict(ex, dataset.render(ex)));
  const { tp, fp, fn } = spanMetrics(dataset, examples, predicted);
  return { tp, fp, fn };
}

const figures = (c: Counts) => {
  const r = prf(c);
  return { precision: percent(r.precision), recall: percent(r.recall), ...c };
};

describe.skipIf(absent)('gold strings aligned back to the samples', () => {
  it('reach span P ≥ 98.5% / R ≥ 99.9% on CMeEE and P ≥ 99.5% / R ≥ 99.9% on BC5CDR', () => {
    const cmeee = figures(goldAlignedBack('cmeee', CMEEE));
    const bc5cdr = figures(addCounts(goldAlignedBack('bc5cdr-chem', CDR), goldAlignedBack('bc5cdr-disease', CDR)));
    const ncbi = figures(goldAlignedBack('ncbi-disease', NCBI));
    console.log('gold aligned back, span level:', JSON.stringify({ cmeee, bc5cdr, ncbi }));
    expect(cmeee.precision).toBeGreaterThanOrEqual(98.5);
    expect(cmeee.recall).toBeGreaterThanOrEqual(99.9);
    expect(bc5cdr.precision).toBeGreaterThanOrEqual(99.5);
    expect(bc5cdr.recall).toBeGreaterThanOrEqual(99.9);
  });

  it('scores strict spans beside the string-level figure', () => {
    const path = CDR;
    const { examples } = loadBenchmark('bc5cdr-chem', [{ path, content: content(path) }]);
    const first = examples[0];
    // A right string counts at each occurrence; a string the text does not have adds no span; the rest are misses.
    const gold = 'entities' in first.gold ? first.gold.entities : [];
    const outputs = new Map([[first.id, `Chemical: ${gold[0].text}; notachemical`]]);
    const m = scoreBenchmark(DATASETS['bc5cdr-chem'], [first], outputs, { spans: true });
    const occurrences = first.spans!.filter((s) => first.text!.slice(s.start, s.end).toLowerCase() === gold[0].text.toLowerCase()).length;
    expect(m.spans).toMatchObject({ tp: occurrences, fp: 0, fn: first.spans!.length - occurrences });
    expect(occurrences).toBeGreaterThan(0);
    expect(() => scoreBenchmark(DATASETS.hoc, [], new Map(), { spans: true })).toThrow(/NER sets/);
  });

  it('counts BC5CDR CID pairs that map to no MeSH id as false positives, once per document', () => {
    const path = CDR;
    const { examples } = loadBenchmark('bc5cdr-cid', [{ path, content: content(path) }]);
    const ex = examples[0];
    const right = DATASETS['bc5cdr-cid'].render(ex);
    const output = `${right}; [aspirin, unicorn fever]; [Aspirin, Unicorn fever]`;
    const m = scoreBenchmark(DATASETS['bc5cdr-cid'], [ex], new Map([[ex.id, output]]));
    const gold = 'relations' in ex.gold ? ex.gold.relations.length : 0;
    expect(m).toMatchObject({ unmapped: 1, per_type: { CID: { tp: gold, fp: 1, fn: 0 } } });
  });
});
