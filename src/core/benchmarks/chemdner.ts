/**
 * CHEMDNER (BioCreative IV), from its format description: `evaluation.abstracts.txt` has
 * `PMID\ttitle\tabstract`; `evaluation.annotations.txt` has `PMID\tT|A\tstart\tend\ttext\ttype` with offsets
 * into the title (T) or the abstract (A). Every mention class counts as one type, `chemical`.
 */
import { taskGrammar } from '../grammar/index.ts';
import { buildNerPrompt, parseNer, renderNer } from '../tasks/ner.ts';
import { entityKey, uniqueBy } from '../text.ts';
import { tsvRows } from './io.ts';
import { BenchmarkInputError } from './types.ts';
import type { TsvRow } from './io.ts';
import type { BenchmarkDataset, BenchmarkExample, EntityPair, GoldSpan, InputFile } from './types.ts';

const TYPE = 'chemical';
const ner = { types: [TYPE] };
const FILES = 'evaluation.abstracts.txt and evaluation.annotations.txt';

const isAnnotationRow = (cols: string[]) => cols.length >= 6 && /^[TA]$/.test(cols[1]) && /^\d+$/.test(cols[2]) && /^\d+$/.test(cols[3]);
const isAbstractRow = (cols: string[]) => cols.length === 3 && /^\d+$/.test(cols[0]);

/** Sorts the two inputs into abstracts and annotations by what their first line looks like. */
function classify(files: readonly InputFile[]): { abstracts: InputFile; annotations: InputFile } {
  let abstracts: InputFile | undefined;
  let annotations: InputFile | undefined;
  for (const file of files) {
    const first = tsvRows(file)[0];
    if (first && isAnnotationRow(first.cols)) annotations = file;
    else if (first && isAbstractRow(first.cols)) abstracts = file;
    else
      throw new BenchmarkInputError(
        file.path,
        first?.line ?? 1,
        `not a CHEMDNER abstracts (PMID, title, abstract) or annotations (PMID, T|A, start, end, text, type) file`,
      );
  }
  if (!abstracts || !annotations || files.length !== 2)
    throw new BenchmarkInputError(files[0]?.path ?? '(no input)', undefined, `chemdner takes two input files: ${FILES}`);
  return { abstracts, annotations };
}

export const chemdner: BenchmarkDataset = {
  name: 'chemdner',
  title: 'CHEMDNER',
  task: 'ner',
  metric: 'micro_f1',
  lang: 'en',
  files: FILES,
  load(files) {
    const { abstracts, annotations } = classify(files);
    const docs = new Map<string, { title: string; abstract: string; entities: EntityPair[]; spans: GoldSpan[] }>();
    for (const { cols, line } of tsvRows(abstracts)) {
      if (!isAbstractRow(cols)) throw new BenchmarkInputError(abstracts.path, line, 'expected PMID<tab>title<tab>abstract');
      if (docs.has(cols[0])) throw new BenchmarkInputError(abstracts.path, line, `PMID ${cols[0]} appears twice`);
      docs.set(cols[0], { title: cols[1], abstract: cols[2], entities: [], spans: [] });
    }
    const warnings: string[] = [];
    const check = ({ cols, line }: TsvRow) => {
      if (!isAnnotationRow(cols))
        throw new BenchmarkInputError(annotations.path, line, 'expected PMID<tab>T|A<tab>start<tab>end<tab>text<tab>type');
      const doc = docs.get(cols[0]);
      if (!doc) throw new BenchmarkInputError(annotations.path, line, `PMID ${cols[0]} is not in ${abstracts.path}`);
      const source = cols[1] === 'T' ? doc.title : doc.abstract;
      if (source.slice(Number(cols[2]), Number(cols[3])) !== cols[4])
        warnings.push(
          `${annotations.path}:${line}: "${cols[4]}" does not match the ${cols[1] === 'T' ? 'title' : 'abstract'} at ${cols[2]}-${cols[3]}`,
        );
      doc.entities.push({ type: TYPE, text: cols[4].trim() });
      // The prompt's text is `title + " " + abstract`: abstract offsets move past the title and the space.
      const shift = cols[1] === 'T' ? 0 : doc.title.length + 1;
      doc.spans.push({ type: TYPE, start: Number(cols[2]) + shift, end: Number(cols[3]) + shift });
    };
    tsvRows(annotations).forEach(check);
    const examples = [...docs].map(([id, doc]): BenchmarkExample => ({
      id,
      dataset: 'chemdner',
      prompt: buildNerPrompt(`${doc.title} ${doc.abstract}`, ner, 'en'),
      gold: { entities: uniqueBy(doc.entities, entityKey) },
      text: `${doc.title} ${doc.abstract}`,
      spans: doc.spans,
    }));
    return { examples, warnings };
  },
  predict(example, output) {
    return { entities: uniqueBy(parseNer(output, { ...ner, source: example.text }).entities, entityKey) };
  },
  render(example) {
    return 'entities' in example.gold ? renderNer(example.gold.entities, 'en') : '';
  },
  grammar: () => taskGrammar('entities', ner, 'en'),
  nestingTypes: [],
};
