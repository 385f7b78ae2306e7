/**
 * Multi-label document classification: BC7 LitCovid (`pmid\ttext\tlabels`, labels `;`-joined) and HoC
 * (BLURB `labels\tsentence\tindex`, labels as ten `k_0`/`k_1` flags). Both use the LitCovid slide's prompt.
 */
import { taskGrammar } from '../grammar/index.ts';
import { buildClassifyPrompt, parseClassify, renderClassify } from '../tasks/classify.ts';
import { HOC_LABELS, LABEL_PRESETS } from '../tasks/presets.ts';
import { single, tsvRows } from './io.ts';
import type { TsvRow } from './io.ts';
import { BenchmarkInputError } from './types.ts';
import type { BenchmarkDataset, BenchmarkExample, InputFile } from './types.ts';

const LITCOVID = LABEL_PRESETS.litcovid.names.en;
const TEMPLATE = 3; // `Document triage: {text}\nLabels: …`, as on the LitCovid slide

/** Rows without a header line; `header` names the expected columns in order. */
function dataRows(file: InputFile, header: readonly string[]): { rows: TsvRow[]; columns: Record<string, number> } {
  const rows = tsvRows(file);
  const first = rows[0]?.cols.map((c) => c.trim().toLowerCase()) ?? [];
  if (header.every((h) => first.includes(h))) {
    return { rows: rows.slice(1), columns: Object.fromEntries(header.map((h) => [h, first.indexOf(h)])) };
  }
  return { rows, columns: Object.fromEntries(header.map((h, i) => [h, i])) };
}

const litcovidOptions = { labels: LITCOVID, multiLabel: true, template: TEMPLATE };

export const litcovid: BenchmarkDataset = {
  name: 'litcovid',
  title: 'BC7 LitCovid',
  task: 'classification',
  metric: 'micro_f1',
  lang: 'en',
  files: 'test.tsv (pmid, text, labels)',
  load(files) {
    const file = single(files, 'litcovid', 'test.tsv with pmid, text, labels');
    const { rows, columns } = dataRows(file, ['pmid', 'text', 'labels']);
    const examples = rows.map(({ cols, line }): BenchmarkExample => {
      const pmid = cols[columns.pmid]?.trim() ?? '';
      const text = cols[columns.text];
      const raw = cols[columns.labels];
      if (cols.length < 3 || !/^\d+$/.test(pmid) || text === undefined || raw === undefined)
        throw new BenchmarkInputError(file.path, line, 'expected pmid<tab>text<tab>labels: wrong file for litcovid?');
      const labels = raw
        .split(';')
        .map((l) => l.trim())
        .filter(Boolean);
      const unknown = labels.find((l) => !LITCOVID.includes(l));
      if (unknown) throw new BenchmarkInputError(file.path, line, `label "${unknown}" is not a LitCovid topic`);
      return { id: pmid, dataset: 'litcovid', prompt: buildClassifyPrompt(text, litcovidOptions, 'en'), gold: { labels } };
    });
    return { examples, warnings: [] };
  },
  predict(_example, output) {
    return { labels: parseClassify(output, litcovidOptions).labels };
  },
  render(example) {
    return 'labels' in example.gold ? renderClassify(example.gold.labels, 'en') : '';
  },
  grammar: () => taskGrammar('classify', litcovidOptions, 'en'),
};

const hocOptions = { labels: HOC_LABELS, multiLabel: true, template: TEMPLATE };
const FLAGS = /^(\d+_[01])(,\d+_[01])*$/;

export const hoc: BenchmarkDataset = {
  name: 'hoc',
  title: 'HoC',
  task: 'classification',
  metric: 'micro_f1',
  lang: 'en',
  files: 'test.tsv (BLURB: labels, sentence, index)',
  load(files) {
    const file = single(files, 'hoc', 'BLURB test.tsv with labels, sentence, index');
    const { rows, columns } = dataRows(file, ['labels', 'sentence', 'index']);
    const examples = rows.map(({ cols, line }): BenchmarkExample => {
      const flags = cols[columns.labels]?.trim() ?? '';
      const sentence = cols[columns.sentence];
      const index = cols[columns.index]?.trim();
      if (!FLAGS.test(flags) || sentence === undefined || !index)
        throw new BenchmarkInputError(file.path, line, 'expected labels (k_0/k_1 flags)<tab>sentence<tab>index: wrong file for hoc?');
      const labels: string[] = [];
      for (const flag of flags.split(',')) {
        const [k, v] = flag.split('_').map(Number);
        if (k >= HOC_LABELS.length) throw new BenchmarkInputError(file.path, line, `label flag ${flag} is outside the ten hallmarks`);
        if (v === 1) labels.push(HOC_LABELS[k]);
      }
      return { id: index, dataset: 'hoc', prompt: buildClassifyPrompt(sentence, hocOptions, 'en'), gold: { labels }, text: sentence };
    });
    return { examples, warnings: [] };
  },
  predict(_example, output) {
    return { labels: parseClassify(output, hocOptions).labels };
  },
  render(example) {
    return 'labels' in example.gold ? renderClassify(example.gold.labels, 'en') : '';
  },
  grammar: () => taskGrammar('classify', hocOptions, 'en'),
};
